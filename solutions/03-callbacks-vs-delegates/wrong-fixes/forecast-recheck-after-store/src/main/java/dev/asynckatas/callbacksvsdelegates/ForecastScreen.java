package dev.asynckatas.callbacksvsdelegates;

import dev.asynckatas.platform.MainThread;
import dev.asynckatas.platform.Screen;
import dev.asynckatas.platform.ScreenView;
import java.util.concurrent.Executor;

/**
 * The forecast screen, on a completion callback. When the user opens it, it shows "Loading…" and asks the
 * app-wide {@link WeatherService} for the weather in its city; then it shows the forecast, or an error. The
 * user may tap refresh at any time: the screen shows "Loading…" and asks again, and from then on the answer to
 * that newest request is the one the user waits for. The user may close the screen at any time.
 *
 * <p>WRONG FIX (kata 03 catalogue): keeps the asker's global queue, and closes the check-then-act window there by
 * checking again once the handle is stored. The close, though, reads the handle before it clears {@code current}.
 */
public final class ForecastScreen implements Screen {

    private final WeatherService service;
    private final MainThread main;
    private final Executor global;
    private final ScreenView view;
    private final String city;

    /** The request whose answer the user waits for; null when there is none (answered, or the screen is closed). */
    private volatile Load current;

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
        cancelCurrent();
    }

    private void load() {
        cancelCurrent(); // the older answer is not wanted any more
        view.showLoading();
        Load load = new Load();
        current = load;
        global.execute(() -> {
            if (load != current) {
                return; // closed, or refreshed, before the task ran
            }
            load.request = service.fetch(city, result -> main.execute(() -> finished(load, result)));
            if (load != current) {
                load.request.cancel(); // closed, or refreshed, while fetch ran
            }
        });
    }

    /** On the main thread. */
    private void finished(Load load, WeatherResult result) {
        if (load != current) {
            return; // closed, or refreshed since: this is not the answer the user waits for
        }
        current = null;
        switch (result) {
            case WeatherResult.Loaded loaded -> view.show(loaded.weather().describe());
            case WeatherResult.Failed failed -> view.showError("No forecast for " + city + ": " + failed.error().getMessage());
            case WeatherResult.Cancelled cancelled -> { }
        }
    }

    /** The mistake: the handle is read before {@code current} is cleared, so a store and a check in between go unseen. */
    private void cancelCurrent() {
        if (current != null && current.request != null) {
            current.request.cancel();
        }
        current = null;
    }

    /** One request of this screen: its identity tells the newest answer from an older one. */
    private static final class Load {
        volatile WeatherRequest request;
    }
}
