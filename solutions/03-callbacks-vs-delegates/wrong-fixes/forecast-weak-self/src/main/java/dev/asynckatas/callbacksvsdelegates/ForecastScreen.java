package dev.asynckatas.callbacksvsdelegates;

import dev.asynckatas.platform.MainThread;
import dev.asynckatas.platform.Screen;
import dev.asynckatas.platform.ScreenView;
import java.lang.ref.WeakReference;
import java.util.concurrent.Executor;

/** Wrong fix: the callback holds the screen weakly, and nothing is cancelled. */
public final class ForecastScreen implements Screen {

    private final WeatherService service;
    private final MainThread main;
    private final ScreenView view;
    private final String city;
    private Object current; // main thread only: the token of the request the user waits for

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
        current = null;
    }

    private void load() {
        view.showLoading();
        Object token = new Object();
        current = token;
        fetch(city, token, service, main, new WeakReference<>(this));
    }

    /** Static, so that the callback captures nothing of the screen but the weak reference. */
    private static void fetch(String city, Object token, WeatherService service, MainThread main, WeakReference<ForecastScreen> weakSelf) {
        service.fetch(city, result -> main.execute(() -> {
            ForecastScreen self = weakSelf.get();
            if (self != null) {
                self.finished(token, result);
            }
        }));
    }

    private void finished(Object token, WeatherResult result) {
        if (token != current) {
            return;
        }
        current = null;
        switch (result) {
            case WeatherResult.Loaded loaded -> view.show(loaded.weather().describe());
            case WeatherResult.Failed failed -> view.showError("No forecast for " + city + ": " + failed.error().getMessage());
            case WeatherResult.Cancelled cancelled -> { }
        }
    }
}
