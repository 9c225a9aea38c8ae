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
 * <p>All of this screen's state lives on the main thread: the user's taps, the lifecycle calls and every answer
 * (hopped to main) run there, so no field needs a lock, and "is this still the answer the user waits for?" is
 * asked where nothing can change in between. The lesson: docs/03-callbacks-vs-delegates.md
 */
public final class ForecastScreen implements Screen {

    private final WeatherService service;
    private final MainThread main;
    private final ScreenView view;
    private final String city;

    /** The request whose answer the user waits for; null when there is none (answered, or the screen is closed). Main thread only. */
    private Load current;

    /**
     * @param service the app-wide weather service
     * @param main    the main thread, where the view must be updated
     * @param global  not needed: {@code fetch} only starts the request and returns at once
     * @param view    what this screen shows
     * @param city    whose weather it shows
     */
    public ForecastScreen(WeatherService service, MainThread main, Executor global, ScreenView view, String city) {
        this.service = service;
        this.main = main;
        this.view = view;
        this.city = city;
    }

    /** The user opened the screen. Called on the main thread. */
    @Override
    public void open() {
        load();
    }

    /** The user taps refresh. Called on the main thread. */
    public void refresh() {
        load();
    }

    /**
     * The user closed the screen. Called on the main thread. Cancelling the request aborts it (no data wasted on a
     * screen nobody sees) and makes the service call the completion, which lets go of this screen.
     */
    @Override
    public void close() {
        cancelCurrent();
    }

    private void load() {
        // The mistake: the older request is not cancelled on a refresh, only forgotten (closing still cancels).
        view.showLoading();
        Load load = new Load();
        current = load;
        // No hop to a global queue: fetch only starts the request. The completion comes on the service's queue: hop to main.
        load.request = service.fetch(city, result -> main.execute(() -> finished(load, result)));
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
            case WeatherResult.Cancelled cancelled -> { } // only this screen cancels its requests, and it no longer waits for them
        }
    }

    private void cancelCurrent() {
        if (current != null) {
            current.request.cancel();
            current = null;
        }
    }

    /** One request of this screen: its identity tells the newest answer from an older one. */
    private static final class Load {
        WeatherRequest request;
    }
}
