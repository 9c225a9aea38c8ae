package dev.asynckatas.callbacksvsdelegates;

import dev.asynckatas.platform.MainThread;
import dev.asynckatas.platform.Screen;
import dev.asynckatas.platform.ScreenView;
import java.util.concurrent.Executor;

/** Wrong fix: a flag the answer checks on main, and nothing cancelled. */
public final class ForecastScreen implements Screen {

    private final WeatherService service;
    private final MainThread main;
    private final Executor global;
    private final ScreenView view;
    private final String city;
    private boolean closed; // main thread only

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
        closed = true;
    }

    private void load() {
        view.showLoading();
        global.execute(() -> service.fetch(city, result -> main.execute(() -> {
            if (closed) {
                return;
            }
            switch (result) {
                case WeatherResult.Loaded loaded -> view.show(loaded.weather().describe());
                case WeatherResult.Failed failed -> view.showError("No forecast for " + city + ": " + failed.error().getMessage());
                case WeatherResult.Cancelled cancelled -> { }
            }
        })));
    }
}
