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
 * <p>KATA 03: this is the asker's second version (the {@code WeatherDataDownloader} and its delegate),
 * translated to Java. It works while the user waits on the panel. Make it right on the main thread, when the
 * user closes the panel or refreshes before the answer comes, and beside other panels. The lesson:
 * docs/03-callbacks-vs-delegates.md
 */
public final class WeatherPanel implements Screen, WeatherDownloader.Listener {

    private final WeatherDownloader downloader;
    private final MainThread main;
    private final ScreenView view;
    private final String city;

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
        downloader.addListener(this); // Swift: downloader.delegate = self
        refresh();
    }

    /** The user taps refresh. Called on the main thread. */
    public void refresh() {
        view.showLoading();
        downloader.download(city);
    }

    /** The user closed the panel (the back button). Called on the main thread. */
    @Override
    public void close() {
    }

    /** Swift: {@code func setData(weatherData: WeatherData)}. */
    @Override
    public void weatherArrived(WeatherDownloader.Download download, Weather weather) {
        view.show(weather.describe());
    }

    @Override
    public void downloadFailed(WeatherDownloader.Download download, IOException error) {
        view.showError("No weather for " + city + ": " + error.getMessage());
    }
}
