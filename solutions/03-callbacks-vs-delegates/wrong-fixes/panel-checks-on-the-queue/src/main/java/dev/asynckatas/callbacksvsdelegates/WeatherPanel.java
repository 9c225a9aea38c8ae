package dev.asynckatas.callbacksvsdelegates;

import dev.asynckatas.platform.MainThread;
import dev.asynckatas.platform.Screen;
import dev.asynckatas.platform.ScreenView;
import java.io.IOException;

/**
 * The weather panel, on a delegate: a listener of the app-wide {@link WeatherDownloader}. When the user opens
 * it, it shows "Loading…" and starts a download of the weather in its city; then it shows the weather, or an
 * error. The user may tap refresh at any time: the panel shows "Loading…" and downloads again, and from then on
 * the answer to that newest download is the one the user waits for. The user may close the panel at any time;
 * other panels, for other cities, may be open at the same time and use the same downloader.
 *
 * <p>The panel's state lives on the main thread. The downloader calls its listeners on its own queue and tells
 * every listener about every download, so each event hops to main, where the panel asks whether it is about the
 * download it waits for. Closing the panel removes its registration (the long-lived downloader must not hold a
 * closed panel) and cancels its download. The lesson: docs/03-callbacks-vs-delegates.md
 */
public final class WeatherPanel implements Screen, WeatherDownloader.Listener {

    private final WeatherDownloader downloader;
    private final MainThread main;
    private final ScreenView view;
    private final String city;

    // Main thread only.
    private WeatherDownloader.Registration registration;
    /** The download whose answer the user waits for; null when there is none. */
    private volatile WeatherDownloader.Download current; // read on the downloader's queue too

    /**
     * @param downloader the app-wide downloader
     * @param main       the main thread, where the view must be updated
     * @param view       what this panel shows
     * @param city       whose weather it shows
     */
    public WeatherPanel(WeatherDownloader downloader, MainThread main, ScreenView view, String city) {
        this.downloader = downloader;
        this.main = main;
        this.view = view;
        this.city = city;
    }

    /** The user opened the panel. Called on the main thread. */
    @Override
    public void open() {
        registration = downloader.addListener(this);
        refresh();
    }

    /** The user taps refresh. Called on the main thread. */
    public void refresh() {
        if (current != null) {
            current.cancel(); // the older answer is not wanted any more
        }
        view.showLoading();
        current = downloader.download(city);
    }

    /** The user closed the panel. Called on the main thread. */
    @Override
    public void close() {
        registration.remove(); // Swift's weak delegate, made explicit: the app-wide downloader lets go of this panel
        registration = null;
        if (current != null) {
            current.cancel();
            current = null;
        }
    }

    /** On the downloader's queue. */
    @Override
    public void weatherArrived(WeatherDownloader.Download download, Weather weather) {
        if (download == current) { // checked on the downloader's queue: the user may close or refresh right after this
            main.execute(() -> view.show(weather.describe()));
        }
    }

    /** On the downloader's queue. */
    @Override
    public void downloadFailed(WeatherDownloader.Download download, IOException error) {
        if (download == current) {
            main.execute(() -> view.showError("No weather for " + city + ": " + error.getMessage()));
        }
    }
}
