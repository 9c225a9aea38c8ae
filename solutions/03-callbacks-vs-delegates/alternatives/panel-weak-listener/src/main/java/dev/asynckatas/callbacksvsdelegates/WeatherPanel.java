package dev.asynckatas.callbacksvsdelegates;

import dev.asynckatas.platform.MainThread;
import dev.asynckatas.platform.Screen;
import dev.asynckatas.platform.ScreenView;
import java.io.IOException;
import java.lang.ref.WeakReference;

/**
 * The weather panel with a weak delegate: the downloader holds a forwarder, and the forwarder holds the panel weakly.
 * A weak reference is cleared when the collector runs, not when the panel is closed, so the panel still checks on the
 * main thread that it is open, and cancels its download on close.
 */
public final class WeatherPanel implements Screen, WeatherDownloader.Listener {

    private final WeatherDownloader downloader;
    private final MainThread main;
    private final ScreenView view;
    private final String city;

    // Main thread only.
    private boolean open;
    private WeatherDownloader.Download current;

    public WeatherPanel(WeatherDownloader downloader, MainThread main, ScreenView view, String city) {
        this.downloader = downloader;
        this.main = main;
        this.view = view;
        this.city = city;
    }

    @Override
    public void open() {
        open = true;
        WeakForwarder.register(downloader, main, this);
        refresh();
    }

    public void refresh() {
        if (current != null) {
            current.cancel();
        }
        view.showLoading();
        current = downloader.download(city);
    }

    @Override
    public void close() {
        open = false;
        if (current != null) {
            current.cancel();
            current = null;
        }
    }

    /** On the main thread, from the forwarder. */
    @Override
    public void weatherArrived(WeatherDownloader.Download download, Weather weather) {
        if (isAwaited(download)) {
            view.show(weather.describe());
        }
    }

    /** On the main thread, from the forwarder. */
    @Override
    public void downloadFailed(WeatherDownloader.Download download, IOException error) {
        if (isAwaited(download)) {
            view.showError("No weather for " + city + ": " + error.getMessage());
        }
    }

    private boolean isAwaited(WeatherDownloader.Download download) {
        if (!open || download != current) {
            return false;
        }
        current = null;
        return true;
    }

    /**
     * What the downloader holds: the panel, weakly. It hops each event to the main thread, and removes its own
     * registration once the panel is gone. Static, so that it holds nothing of the panel but the weak reference.
     */
    private static final class WeakForwarder implements WeatherDownloader.Listener {
        private final MainThread main;
        private final WeakReference<WeatherPanel> panel;
        private volatile WeatherDownloader.Registration registration;

        private WeakForwarder(MainThread main, WeatherPanel panel) {
            this.main = main;
            this.panel = new WeakReference<>(panel);
        }

        static void register(WeatherDownloader downloader, MainThread main, WeatherPanel panel) {
            WeakForwarder forwarder = new WeakForwarder(main, panel);
            forwarder.registration = downloader.addListener(forwarder);
        }

        @Override
        public void weatherArrived(WeatherDownloader.Download download, Weather weather) {
            forward(download, weather, null);
        }

        @Override
        public void downloadFailed(WeatherDownloader.Download download, IOException error) {
            forward(download, null, error);
        }

        /** On the downloader's queue: takes a strong reference only for the hop, and only if the panel is still there. */
        private void forward(WeatherDownloader.Download download, Weather weather, IOException error) {
            WeakReference<WeatherPanel> target = panel;
            if (target.get() == null) {
                registration.remove();
                return;
            }
            main.execute(() -> {
                WeatherPanel live = target.get();
                if (live == null) {
                    return;
                }
                if (weather != null) {
                    live.weatherArrived(download, weather);
                } else {
                    live.downloadFailed(download, error);
                }
            });
        }
    }
}
