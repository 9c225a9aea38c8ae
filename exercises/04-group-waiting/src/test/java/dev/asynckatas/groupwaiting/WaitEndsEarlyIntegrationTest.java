package dev.asynckatas.groupwaiting;

import static dev.asynckatas.groupwaiting.AdsStory.bytesOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.asynckatas.groupwaiting.GroupWaitingIntegrationTest.SilentAdServer;
import dev.asynckatas.kit.junit.CatchesBug;
import dev.asynckatas.kit.real.RealMainThread;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kata 04 on real sockets: when the blocking variant stops waiting before the update is over. The server's answer is
 * read by whoever asked for the update (an operator, a deploy script): a file cut off by the bound must say so, with
 * the bound, or "late-1.png (cancelled)" leaves them asking who cancelled it, and whether a longer bound would do. A
 * handler thread that is interrupted (the server shuts down) must give up as its signature says, and stop what it
 * started: nobody will ever read a report of those downloads.
 *
 * <p>The clients are pinned to HTTP/1.1, as in {@link GroupWaitingIntegrationTest}. Every wait is bounded, and says
 * what did not happen.
 */
class WaitEndsEarlyIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(5);

    @TempDir
    Path home;

    @Test
    @DisplayName("the bound (500 ms) passes while two files are on their way: the answer says so for each, naming the bound")
    @CatchesBug(Bugs.SERVER_ANSWERS_TOO_EARLY)
    void filesCutOffByTheBoundSaySo() throws Exception {
        Path ads = Files.createDirectories(home.resolve("ads"));
        SilentAdServer server = new SilentAdServer(Map.of("a.png", bytesOf("a.png")), "late-1.png", "late-2.png");

        try (HandlerThread handler = new HandlerThread(server, ads)) {
            handler.warmUp();
            UpdateReport report = handler.updateAdsAndWait(Duration.ofMillis(500));

            Map<String, String> reasons = reasonsByName(report);
            assertThat(reasons).as("the files the answer reports as not downloaded (" + report.summary() + ")")
                    .containsKeys("late-1.png", "late-2.png");
            for (String late : List.of("late-1.png", "late-2.png")) {
                assertThat(reasons.get(late)).as("why " + late + " was not downloaded, in the answer \"" + report.summary()
                        + "\": it must say that the bound of 500 ms passed (a bare \"cancelled\" hides that nobody cancelled"
                        + " anything, and that a longer bound might do)").satisfies(WaitEndsEarlyIntegrationTest::namesTheBound);
            }
        }
    }

    @Test
    @DisplayName("the bound (500 ms) passes before the manifest comes: the answer says the manifest did not come within 500 ms")
    @CatchesBug(Bugs.WAITS_FOREVER)
    void aManifestCutOffByTheBoundSaysSo() throws Exception {
        Path ads = Files.createDirectories(home.resolve("ads"));
        SilentAdServer server = new SilentAdServer(Map.of("a.png", bytesOf("a.png")), "manifest");

        try (HandlerThread handler = new HandlerThread(server, ads)) {
            handler.warmUp();
            UpdateReport report = handler.updateAdsAndWait(Duration.ofMillis(500));

            assertThat(reasonsByName(report)).as("the answer (" + report.summary() + ")").containsKey(UpdateReport.MANIFEST);
            assertThat(reasonsByName(report).get(UpdateReport.MANIFEST)).as("why the manifest failed, in the answer \""
                    + report.summary() + "\": it must say that the bound of 500 ms passed, not that something was cancelled")
                    .satisfies(WaitEndsEarlyIntegrationTest::namesTheBound);
        }
    }

    @Test
    @DisplayName("the handler's thread is interrupted while two downloads are on their way: it gives up with InterruptedException, and neither file lands later")
    @CatchesBug(Bugs.SERVER_ANSWERS_TOO_EARLY)
    void anInterruptStopsTheUpdate() throws Exception {
        Path ads = Files.createDirectories(home.resolve("ads"));
        SilentAdServer server = new SilentAdServer(Map.of(), "late-1.png", "late-2.png");

        try (HandlerThread handler = new HandlerThread(server, ads)) {
            handler.warmUp();
            CompletableFuture<Object> outcome = handler.startUpdateAdsAndWait(Duration.ofSeconds(30));
            // Each download makes its hidden .part file before it sends its request: two of them, and both are under way.
            awaitOrFail(() -> partialFiles(ads) == 2, "the two downloads never started (no two .part files in the ad directory)");

            handler.interrupt(); // the server shuts down: it interrupts its handlers' threads

            Object seen = awaitOrFail(outcome, "updateAdsAndWait did not give up after its thread was interrupted: it must stop"
                    + " waiting at once (join() cannot be interrupted)");
            assertThat(seen).as("what updateAdsAndWait did when its thread was interrupted while it waited: it must throw the"
                    + " InterruptedException its signature declares, not answer (the server is shutting down)")
                    .isInstanceOf(InterruptedException.class);

            server.release(); // the ad server sends the two files after all
            awaitOrFail(() -> partialFiles(ads) == 0, "the two downloads never ended (their .part files are still there)");
            assertThat(filesIn(ads)).as("the ads on disk after the interrupted update, once the server sent the late files: the"
                    + " update was given up, so the downloads it started must be cancelled, not left to land").isEmpty();
        }
    }

    private static void namesTheBound(String reason) {
        assertThat(reason).as("the reason").containsAnyOf("500 ms", "0.5 s");
    }

    private static Map<String, String> reasonsByName(UpdateReport report) {
        return report.failed().stream().collect(Collectors.toMap(FailedDownload::name, FailedDownload::reason, (a, b) -> a + "; " + b));
    }

    private static long partialFiles(Path directory) {
        try (Stream<Path> all = Files.list(directory)) {
            return all.filter(file -> file.getFileName().toString().endsWith(".part")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> filesIn(Path directory) {
        try (Stream<Path> all = Files.list(directory)) {
            return all.map(file -> file.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitOrFail(java.util.concurrent.Callable<Boolean> condition, String never) {
        try {
            await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).atMost(PATIENCE).until(condition);
        } catch (ConditionTimeoutException timedOut) {
            throw new AssertionError(never + " within " + PATIENCE.toSeconds() + " s", timedOut);
        }
    }

    private static Object awaitOrFail(CompletableFuture<Object> outcome, String never) throws Exception {
        try {
            return outcome.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException timedOut) {
            throw new AssertionError(never + " (still waiting after " + PATIENCE.toSeconds() + " s)", timedOut);
        }
    }

    /**
     * The server's handler: {@code updateAdsAndWait} on a request thread of its own, with a real main thread and the
     * JDK's HttpClient. Nothing outlives it: the ad server lets go of its silent requests first, then every thread is
     * interrupted.
     */
    private static final class HandlerThread implements AutoCloseable {
        private final SilentAdServer server;
        private final RealMainThread main = new RealMainThread();
        private final ExecutorService downloadQueue = Executors.newSingleThreadExecutor();
        private final ExecutorService requestThread = Executors.newSingleThreadExecutor();
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        private final AdUpdater updater;
        private final AtomicReference<Thread> thread = new AtomicReference<>();
        private Future<?> call;

        HandlerThread(SilentAdServer server, Path ads) {
            this.server = server;
            this.updater = new AdUpdater(new AdsApi(http, server.uri()), ads, downloadQueue, main);
        }

        /** One request to the ad server first: the first exchange of a JVM can take seconds, which the bounds must not measure. */
        void warmUp() throws Exception {
            HttpRequest hello = HttpRequest.newBuilder(server.uri().resolve("/ads/warm-up")).GET().build();
            try {
                http.sendAsync(hello, HttpResponse.BodyHandlers.discarding()).get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException slow) {
                throw new AssertionError("the ad server did not answer a first request within 5 s: the machine is too busy for"
                        + " this real-socket test (nothing of the kata was tested yet)", slow);
            }
        }

        /** Starts {@code updateAdsAndWait(timeout)} on the request thread; the future gets its report, or what it threw. */
        CompletableFuture<Object> startUpdateAdsAndWait(Duration timeout) {
            CompletableFuture<Object> outcome = new CompletableFuture<>();
            call = requestThread.submit(() -> {
                thread.set(Thread.currentThread());
                try {
                    outcome.complete(updater.updateAdsAndWait(timeout));
                } catch (InterruptedException | RuntimeException thrown) {
                    outcome.complete(thrown);
                }
            });
            return outcome;
        }

        /** {@code updateAdsAndWait(timeout)}: its report, once it answered; fails, saying where it is blocked, if it did not within 5 s. */
        UpdateReport updateAdsAndWait(Duration timeout) throws Exception {
            CompletableFuture<Object> outcome = startUpdateAdsAndWait(timeout);
            try {
                Object seen = outcome.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                if (seen instanceof UpdateReport report) {
                    return report;
                }
                throw new AssertionError("updateAdsAndWait(" + timeout.toMillis() + " ms) threw instead of answering: " + seen, (Throwable) seen);
            } catch (TimeoutException stillBlocked) {
                Thread blocked = thread.get();
                String stack = blocked == null ? "(never started)" : Arrays.stream(blocked.getStackTrace())
                        .map(frame -> "    at " + frame).collect(Collectors.joining("\n"));
                throw new AssertionError("updateAdsAndWait(" + timeout.toMillis() + " ms) was still blocked after "
                        + PATIENCE.toSeconds() + " s: it must give up when its timeout has passed (the ad server may never"
                        + " answer). The request thread was blocked here:\n" + stack);
            }
        }

        /** Interrupts the request thread, as a server shutting down does. */
        void interrupt() {
            call.cancel(true);
        }

        @Override
        public void close() throws InterruptedException {
            server.close();
            requestThread.shutdownNow();
            downloadQueue.shutdownNow();
            http.shutdownNow();
            main.close();
        }
    }
}
