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
 * <p>KATA 03: this is the asker's first version (the one wrapped in {@code DispatchQueue.global().async}),
 * translated to Java. It works while the user waits on the screen. Make it right when the user closes the
 * screen, or refreshes, before the answer comes. The lesson: docs/03-callbacks-vs-delegates.md
 */
public final class ForecastScreen implements Screen {

    private final WeatherService service;
    private final MainThread main;
    private final Executor global;
    private final ScreenView view;
    private final String city;

    /**
     * @param service the app-wide weather service
     * @param main    the main thread, where the view must be updated
     * @param global  a global concurrent queue, {@code DispatchQueue.global(qos: .utility)}
     * @param view    what this screen shows
     * @param city    whose weather it shows
     */
    public ForecastScreen(WeatherService service, MainThread main, Executor global, ScreenView view, String city) {
        this.service = service;
        this.main = main;
        this.global = global;
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

    /** The user closed the screen (the back button). Called on the main thread. */
    @Override
    public void close() {
    }

    private void load() {
        view.showLoading();
        // Swift: DispatchQueue.global(qos: .utility).async { session.dataTask(with: url) { data, response, error in
        //            ... DispatchQueue.main.async { ... } } }
        global.execute(() -> service.fetch(city, result -> main.execute(() -> {
            switch (result) {
                case WeatherResult.Loaded loaded -> view.show(loaded.weather().describe());
                case WeatherResult.Failed failed -> view.showError("No forecast for " + city + ": " + failed.error().getMessage());
                case WeatherResult.Cancelled cancelled -> { }
            }
        })));
    }
}
