package dev.asynckatas.callbacksvsdelegates;

import dev.asynckatas.platform.MainThread;
import dev.asynckatas.platform.Screen;
import dev.asynckatas.platform.ScreenView;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/** The forecast screen on a future: the future is the request's handle, and its stage runs on main. */
public final class ForecastScreen implements Screen {

    private final WeatherService service;
    private final MainThread main;
    private final ScreenView view;
    private final String city;
    private CompletableFuture<Weather> current; // main thread only

    public ForecastScreen(WeatherService service, MainThread main, Executor global, ScreenView view, String city) {
        this.service = service;
        this.main = main;
        this.view = view;
        this.city = city;
    }

    @Override
    public void open() {
        load();
    }

    public void refresh() {
        load();
    }

    @Override
    public void close() {
        if (current != null) {
            current.cancel(true);
            current = null;
        }
    }

    private void load() {
        if (current != null) {
            current.cancel(true);
        }
        view.showLoading();
        CompletableFuture<Weather> weather = weather(service, city);
        current = weather;
        weather.whenCompleteAsync((loaded, failure) -> {
            if (weather != current) {
                return; // closed, or refreshed since
            }
            current = null;
            if (failure == null) {
                view.show(loaded.describe());
            } else {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                view.showError("No forecast for " + city + ": " + cause.getMessage());
            }
        }, main);
    }

    /** The service's callback as a future; cancelling the future cancels the request. */
    private static CompletableFuture<Weather> weather(WeatherService service, String city) {
        CompletableFuture<Weather> future = new CompletableFuture<>() {
            private WeatherRequest request;

            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                boolean cancelled = super.cancel(mayInterruptIfRunning);
                if (cancelled && request != null) {
                    request.cancel();
                }
                return cancelled;
            }

            {
                request = service.fetch(city, result -> {
                    switch (result) {
                        case WeatherResult.Loaded loaded -> complete(loaded.weather());
                        case WeatherResult.Failed failed -> completeExceptionally(failed.error());
                        case WeatherResult.Cancelled cancelled -> completeExceptionally(new CancellationException("cancelled"));
                    }
                });
            }
        };
        return future;
    }
}
