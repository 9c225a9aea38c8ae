package dev.asynckatas.callbacksvsdelegates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.asynckatas.callbacksvsdelegates.WeatherScene.Style;
import dev.asynckatas.kit.real.RealMainThread;
import dev.asynckatas.kit.real.RealScreen;
import dev.asynckatas.kit.real.SlowBodyServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Kata 03 on the real face: the JDK's HttpClient on real sockets, a real main thread ({@code main-ui}), each
 * app-wide service calling back on a thread of its own, and virtual threads for the asker's global queue.
 * HTTP/1.1 is pinned: the slow-body fixture speaks nothing else, and an abort must close the connection the server
 * watches (with HTTP/2 a cancel resets one stream and keeps the connection).
 */
final class RealWeather implements AutoCloseable {

    /** Bounds for things that take milliseconds: they only matter when something is broken. */
    static final Duration PATIENCE = Duration.ofSeconds(5);

    final RealMainThread main = new RealMainThread();
    final HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final ExecutorService global = Executors.newVirtualThreadPerTaskExecutor();
    final ExecutorService serviceQueue = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("service-queue").daemon().factory());
    final ExecutorService downloaderQueue = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("downloader-queue").daemon().factory());
    final WeatherService service;
    final WeatherDownloader downloader;

    RealWeather(URI server) {
        WeatherApi api = new WeatherApi(jdk, server);
        this.service = new WeatherService(api, serviceQueue);
        this.downloader = new WeatherDownloader(api, downloaderQueue);
    }

    RealScreen<?> open(Style style, String city) {
        return style == Style.FORECAST
                ? RealScreen.open(main, view -> new ForecastScreen(service, main, global, view, city))
                : RealScreen.open(main, view -> new WeatherPanel(downloader, main, view, city));
    }

    /** Waits until {@code screen} has shown {@code count} things; fails naming what it showed otherwise. */
    static void awaitShown(RealScreen<?> screen, int count, String what) {
        try {
            await().pollDelay(Duration.ZERO).atMost(PATIENCE).until(() -> screen.shown().size() >= count);
        } catch (ConditionTimeoutException notShown) {
            throw new AssertionError(what + ": within " + PATIENCE.toSeconds() + " s it showed only " + screen.shown(), notShown);
        }
    }

    /**
     * Watches {@code served} for the abort that closing the screen must cause; when none comes, lets the rest of the
     * body go so that the failure can say the request ran to the end.
     */
    static void assertServerSawTheAbort(SlowBodyServer.Served served, String what) {
        try {
            await().pollDelay(Duration.ZERO).atMost(PATIENCE).until(served::isOver);
        } catch (ConditionTimeoutException stillSending) {
            served.releaseAll();
            await().pollDelay(Duration.ZERO).atMost(PATIENCE).until(served::isOver);
        }
        assertThat(served.outcome()).as(what + ": the server should see the client go away; it " + served)
                .isEqualTo(SlowBodyServer.Outcome.ABORTED);
    }

    /** Never waits for long: a screen that blocks must not hang the next test. */
    @Override
    public void close() throws InterruptedException {
        global.shutdownNow();
        serviceQueue.shutdownNow();
        downloaderQueue.shutdownNow();
        jdk.shutdownNow();
        main.close();
    }
}
