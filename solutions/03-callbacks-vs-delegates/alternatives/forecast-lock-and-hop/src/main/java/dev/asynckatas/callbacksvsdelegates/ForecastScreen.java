package dev.asynckatas.callbacksvsdelegates;

import dev.asynckatas.platform.MainThread;
import dev.asynckatas.platform.Screen;
import dev.asynckatas.platform.ScreenView;
import java.util.concurrent.Executor;

/** The forecast screen that keeps the global queue: starting and cancelling share one lock. */
public final class ForecastScreen implements Screen {

    private final WeatherService service;
    private final MainThread main;
    private final Executor global;
    private final ScreenView view;
    private final String city;

    private final Object lock = new Object();
    // Guarded by lock.
    private boolean closed;
    private long generation;
    private WeatherRequest request;

    public ForecastScreen(WeatherService service, MainThread main, Executor global, ScreenView view, String city) {
        this.service = service;
        this.main = main;
        this.global = global;
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
        synchronized (lock) {
            closed = true;
            generation++;
            cancelRequest();
        }
    }

    private void load() {
        view.showLoading();
        long mine;
        synchronized (lock) {
            mine = ++generation;
            cancelRequest();
        }
        global.execute(() -> {
            synchronized (lock) {
                if (closed || mine != generation) {
                    return; // closed, or refreshed, before the request started
                }
                request = service.fetch(city, result -> main.execute(() -> finished(mine, result)));
            }
        });
    }

    /** On main. */
    private void finished(long mine, WeatherResult result) {
        synchronized (lock) {
            if (closed || mine != generation) {
                return;
            }
            request = null;
        }
        switch (result) {
            case WeatherResult.Loaded loaded -> view.show(loaded.weather().describe());
            case WeatherResult.Failed failed -> view.showError("No forecast for " + city + ": " + failed.error().getMessage());
            case WeatherResult.Cancelled cancelled -> { }
        }
    }

    private void cancelRequest() {
        if (request != null) {
            request.cancel();
            request = null;
        }
    }
}
