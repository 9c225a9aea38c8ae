package dev.asynckatas.callbacksvsdelegates;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The weather with a delegate, like the asker's {@code WeatherDataDownloader} and its
 * {@code WeatherDataDownloaderProtocol}: one app-wide downloader that outlives every screen. Screens register a
 * {@link Listener} (the delegate) and start {@link #download downloads}; what each download comes to is reported
 * to every registered listener, with the download it is about.
 *
 * <p>Like {@code URLSession} with a delegate, it calls its listeners on its own queue (a serial background
 * queue), <em>never</em> on the main thread. It holds every registered listener, and everything a listener
 * refers to, until its registration is removed. Thread-safe.
 *
 * <p>Given by the kata: you do not need to change it.
 */
public final class WeatherDownloader {

    /** The delegate: told what every download came to, on the downloader's queue. */
    public interface Listener {

        /** {@code download} brought the weather. */
        void weatherArrived(Download download, Weather weather);

        /** {@code download} failed: the connection, an HTTP error status, or data that is not the weather. */
        void downloadFailed(Download download, IOException error);

        /** {@code download} was cancelled before its answer came. */
        default void downloadCancelled(Download download) {
        }
    }

    /** A listener's registration: remove it, and the downloader forgets the listener. */
    @FunctionalInterface
    public interface Registration {

        /** The listener gets no more events, and the downloader no longer holds it. Idempotent, from any thread. */
        void remove();
    }

    /** One download, as the listeners see it: compare it by identity with the download you started. */
    public static final class Download {
        private final int number;
        private final String city;
        private final CompletableFuture<Weather> call;

        private Download(int number, String city, CompletableFuture<Weather> call) {
            this.number = number;
            this.city = city;
            this.call = call;
        }

        public String city() {
            return city;
        }

        /**
         * Stops the download: an exchange in flight is aborted (the server sees the connection close), and the
         * listeners are then told {@link Listener#downloadCancelled}. After the answer came it does nothing.
         * Safe to call from any thread, more than once.
         */
        public void cancel() {
            call.cancel(true);
        }

        @Override
        public String toString() {
            return "download #" + number + " (" + city + ")";
        }
    }

    private final WeatherApi api;
    private final Executor queue;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger downloads = new AtomicInteger();

    /**
     * @param api   the weather service's HTTP API
     * @param queue where listeners are called: a serial background queue, like {@code URLSession}'s delegate queue
     */
    public WeatherDownloader(WeatherApi api, Executor queue) {
        this.api = api;
        this.queue = queue;
    }

    /**
     * Registers {@code listener}, which from now on hears about every download, until the registration is
     * removed. Registering the same listener twice makes it hear everything twice.
     */
    public Registration addListener(Listener listener) {
        // A wrapper per registration, so that removing one registration never removes another.
        Listener registered = new Registered(listener);
        listeners.add(registered);
        return () -> listeners.remove(registered);
    }

    /** Starts downloading the weather in {@code city} and returns at once; the listeners hear what it comes to. */
    public Download download(String city) {
        CompletableFuture<Weather> call = api.weather(city);
        Download download = new Download(downloads.incrementAndGet(), city, call);
        // A task of its own on the queue, not a *Async stage: a listener that throws is then an uncaught exception on the
        // queue, as on a real thread, instead of a failure silently stored in a future nobody reads.
        call.whenComplete((weather, failure) -> queue.execute(() -> report(download, WeatherResult.of(weather, failure))));
        return download;
    }

    /** How many listeners are registered: for tests and the debugger. */
    public int listenerCount() {
        return listeners.size();
    }

    private void report(Download download, WeatherResult result) {
        RuntimeException first = null;
        for (Listener listener : listeners) {
            try {
                switch (result) {
                    case WeatherResult.Loaded loaded -> listener.weatherArrived(download, loaded.weather());
                    case WeatherResult.Failed failed -> listener.downloadFailed(download, failed.error());
                    case WeatherResult.Cancelled cancelled -> listener.downloadCancelled(download);
                }
            } catch (RuntimeException thrown) {
                // One listener that throws must not keep the others from hearing: report the first afterwards.
                if (first == null) {
                    first = thrown;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** One registration of a listener: an object of its own, compared by identity. */
    private record Registered(Listener listener) implements Listener {
        @Override
        public void weatherArrived(Download download, Weather weather) {
            listener.weatherArrived(download, weather);
        }

        @Override
        public void downloadFailed(Download download, IOException error) {
            listener.downloadFailed(download, error);
        }

        @Override
        public void downloadCancelled(Download download) {
            listener.downloadCancelled(download);
        }

        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }
}
