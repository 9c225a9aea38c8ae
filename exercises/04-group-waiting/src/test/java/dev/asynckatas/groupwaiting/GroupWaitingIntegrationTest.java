package dev.asynckatas.groupwaiting;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.asynckatas.groupwaiting.AdsStory.bytesOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.sun.net.httpserver.HttpServer;
import dev.asynckatas.kit.junit.CatchesBug;
import dev.asynckatas.kit.real.RealMainThread;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kata 04 on real sockets: the JDK's HttpClient against a WireMock ad server, a real main thread, real executors,
 * and the JDK HttpServer endpoint of the original question.
 *
 * <p>The clients are pinned to HTTP/1.1: after a connection reset the JDK silently retries an idempotent GET, and
 * with the default HTTP/2 (h2c upgrade) the faults land differently; on HTTP/1.1 the reset file is asked for once
 * or, with the retry, twice, and the tests count it so.
 */
class GroupWaitingIntegrationTest {

    @RegisterExtension
    static WireMockExtension adServer = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    /** What the WireMock ad server lists: three files with different delays, one 404 and one connection reset. */
    static final List<String> LISTED = List.of("slow.png", "quick.png", "instant.png", "missing.png", "reset.png");

    @TempDir
    Path home;

    @Test
    @DisplayName("real HttpClient, real main thread: \"done\" once, on main, after 3 files (0 to 400 ms), a 404 and a reset")
    @CatchesBug(Bugs.COUNT_READ_TOO_EARLY)
    void appPathOnRealSockets() throws Exception {
        stubTheAdServer();
        Path ads = Files.createDirectories(home.resolve("ads"));
        List<UpdateReport> reports = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();

        try (RealMainThread main = new RealMainThread(); HttpClient http = client(); ExecutorService downloadQueue = Executors.newSingleThreadExecutor()) {
            AdUpdater updater = new AdUpdater(new AdsApi(http, URI.create(adServer.baseUrl())), ads, downloadQueue, main);
            warmUp(http, URI.create(adServer.baseUrl()));

            main.execute(() -> updater.updateAds(report -> {
                threads.add(main.isCurrent() ? "main" : Thread.currentThread().getName());
                reports.add(report);
            }));

            await("\"done\" for five files that all end within half a second").pollDelay(Duration.ZERO)
                    .atMost(Duration.ofSeconds(5)).until(() -> !reports.isEmpty());
            UpdateReport report = reports.get(0);
            assertThat(report.downloaded()).as("the files counted when \"done\" fired (" + report.summary() + ")")
                    .containsExactlyInAnyOrder("slow.png", "quick.png", "instant.png");
            assertThat(report.failed()).extracting(FailedDownload::name).as("the files reported as failed")
                    .containsExactlyInAnyOrder("missing.png", "reset.png");
            assertOnDiskExactly(ads, "slow.png", "quick.png", "instant.png");
        }
        assertThat(reports).as("calls of \"done\" (the main thread has run everything queued on it)").hasSize(1);
        assertThat(threads).as("where \"done\" ran").containsExactly("main");
        assertEachFileAskedForOnce();
    }

    @Test
    @DisplayName("the server's endpoint: POST /ads/update answers after the downloads, with \"3 of 5 downloaded\"")
    @CatchesBug(Bugs.SERVER_ANSWERS_TOO_EARLY)
    void endpointAnswersAfterTheDownloads() throws Exception {
        stubTheAdServer();
        Path ads = Files.createDirectories(home.resolve("ads"));

        try (RealMainThread main = new RealMainThread(); HttpClient http = client(); ExecutorService downloadQueue = Executors.newSingleThreadExecutor()) {
            AdUpdater updater = new AdUpdater(new AdsApi(http, URI.create(adServer.baseUrl())), ads, downloadQueue, main);
            warmUp(http, URI.create(adServer.baseUrl()));
            try (AdUpdateEndpoint endpoint = AdUpdateEndpoint.start(updater::updateAdsAndWait, Duration.ofSeconds(10))) {
                CompletableFuture<HttpResponse<String>> answer = http.sendAsync(
                        HttpRequest.newBuilder(endpoint.uri()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.ofString());
                AtomicReference<Map<String, byte[]>> onDiskWhenAnswered = new AtomicReference<>();
                answer.thenRun(() -> onDiskWhenAnswered.set(filesIn(ads)));

                await("the endpoint's answer, once the five downloads (400 ms at most) are over").pollDelay(Duration.ZERO)
                        .atMost(Duration.ofSeconds(5)).until(answer::isDone);

                HttpResponse<String> response = answer.get();
                assertThat(response.body()).as("the endpoint's answer").startsWith("3 of 5 downloaded")
                        .contains("missing.png").contains("reset.png");
                assertThat(response.statusCode()).isEqualTo(200);
                await("the look at the disk when the answer came").pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(5))
                        .until(() -> onDiskWhenAnswered.get() != null);
                assertThat(onDiskWhenAnswered.get().keySet()).as("the files on disk when the endpoint answered")
                        .containsExactlyInAnyOrder("slow.png", "quick.png", "instant.png");
            }
        }
        assertEachFileAskedForOnce();
    }

    @Test
    @DisplayName("updateAdsAndWait(1 s) on a request thread, a file that never comes: returns within its bound, the others counted")
    @CatchesBug(Bugs.SERVER_ANSWERS_TOO_EARLY)
    void blockingVariantReturnsWithinItsBound() throws Exception {
        Path ads = Files.createDirectories(home.resolve("ads"));
        SilentAdServer server = new SilentAdServer(Map.of("a.png", bytesOf("a.png"), "b.png", bytesOf("b.png")), "stuck.png");

        try (BlockingCall call = new BlockingCall(server, ads)) {
            UpdateReport report = call.updateAdsAndWait(Duration.ofSeconds(1), Duration.ofSeconds(5), "the ad server may never answer");

            assertThat(report.downloaded()).as("the files counted when the bound passed (" + report.summary() + "): a.png and"
                    + " b.png are on disk by then, so the answer must count them").containsExactlyInAnyOrder("a.png", "b.png");
            assertThat(report.failed()).extracting(FailedDownload::name).as("the file reported as not downloaded").containsExactly("stuck.png");
            assertThat(report.total()).isEqualTo(3);
            // stuck.png's hidden .part file goes once its cancelled exchange has ended: not an ad.
            Map<String, byte[]> onDisk = filesIn(ads);
            onDisk.keySet().removeIf(GroupWaitingIntegrationTest::isPartial);
            assertThat(onDisk.keySet()).as("the ads on disk").containsExactlyInAnyOrder("a.png", "b.png");
        }
    }

    @Test
    @DisplayName("updateAdsAndWait(1 s) on a request thread, a manifest that never comes: returns within its bound, saying so")
    @CatchesBug(Bugs.WAITS_FOREVER)
    void blockingVariantReturnsWithinItsBoundWithoutAManifest() throws Exception {
        Path ads = Files.createDirectories(home.resolve("ads"));
        SilentAdServer server = new SilentAdServer(Map.of("a.png", bytesOf("a.png")), "manifest");

        try (BlockingCall call = new BlockingCall(server, ads)) {
            UpdateReport report = call.updateAdsAndWait(Duration.ofSeconds(1), Duration.ofSeconds(5), "the ad server may never answer");

            assertThat(report.downloaded()).as("the files counted (" + report.summary() + ")").isEmpty();
            assertThat(report.failed()).as("what the answer says failed (" + report.summary() + "): a bare \"0 of 0\" would hide"
                    + " that the manifest never came (UpdateReport.manifestFailed says so)").isNotEmpty();
            assertThat(filesIn(ads)).as("files written without a manifest").isEmpty();
        }
    }

    @Test
    @DisplayName("updateAdsAndWait(500 ms), six files that never come: one bound for the whole call, not 500 ms for each download")
    @CatchesBug(Bugs.SERVER_ANSWERS_TOO_EARLY)
    void theBoundIsForTheWholeCall() throws Exception {
        Path ads = Files.createDirectories(home.resolve("ads"));
        String[] never = {"never-1.png", "never-2.png", "never-3.png", "never-4.png", "never-5.png", "never-6.png"};
        SilentAdServer server = new SilentAdServer(Map.of("a.png", bytesOf("a.png")), never);

        try (BlockingCall call = new BlockingCall(server, ads)) {
            call.warmUp();
            // 2.5 s is far more than 500 ms, and less than the 3 s that six bounds of 500 ms, one after another, last at least.
            UpdateReport report = call.updateAdsAndWait(Duration.ofMillis(500), Duration.ofMillis(2500),
                    "the timeout bounds the whole call, not each download: six silent files must not get 500 ms each");

            assertThat(report.total()).as("N in the answer (" + report.summary() + ")").isEqualTo(7);
            assertThat(report.failed()).extracting(FailedDownload::name).as("the files reported as not downloaded")
                    .contains(never);
            assertThat(report.downloaded()).as("the files counted").isSubsetOf("a.png");
        }
    }

    @Test
    @DisplayName("the bound passes while two files are on their way: reported as not downloaded, they never land, even when the server sends them later")
    @CatchesBug(Bugs.SERVER_ANSWERS_TOO_EARLY)
    void nothingReportedAsNotDownloadedLandsLater() throws Exception {
        Path ads = Files.createDirectories(home.resolve("ads"));
        SilentAdServer server = new SilentAdServer(Map.of("a.png", bytesOf("a.png")), "late-1.png", "late-2.png");

        try (BlockingCall call = new BlockingCall(server, ads)) {
            call.warmUp();
            UpdateReport report = call.updateAdsAndWait(Duration.ofMillis(500), Duration.ofSeconds(5), "the ad server may never answer");

            assertThat(report.failed()).extracting(FailedDownload::name).as("the files reported as not downloaded (" + report.summary() + ")")
                    .contains("late-1.png", "late-2.png");

            server.release(); // the ad server sends the two files after all, after the answer
            // Every download ends by moving its .part file into place or deleting it: once none is left, none is running.
            await("every download has ended (its .part file moved into place or deleted)").pollDelay(Duration.ZERO)
                    .atMost(Duration.ofSeconds(5)).until(() -> filesIn(ads).keySet().stream().noneMatch(GroupWaitingIntegrationTest::isPartial));
            assertThat(filesIn(ads).keySet()).as("the ads on disk once the server has sent the late files: the answer said \""
                    + report.summary() + "\", so the files it did not count must never land. Cancel every download still running"
                    + " when the bound passes (cancelling allOf(...) or a stage derived from a download stops none of them)")
                    .containsExactlyInAnyOrderElementsOf(report.downloaded());
        }
    }

    /**
     * The server's handler: {@code updateAdsAndWait} on a request thread of its own, against an ad server, with a
     * real main thread and the JDK's HttpClient. Nothing outlives it, whatever the code under test left blocked: the
     * server lets go of its silent requests first, then every thread is interrupted (close() would wait for them).
     */
    private static final class BlockingCall implements AutoCloseable {
        private final SilentAdServer server;
        private final RealMainThread main = new RealMainThread();
        private final ExecutorService downloadQueue = Executors.newSingleThreadExecutor();
        private final ExecutorService requestThread = Executors.newSingleThreadExecutor();
        private final HttpClient http = client();
        private final AdUpdater updater;

        BlockingCall(SilentAdServer server, Path ads) {
            this.server = server;
            this.updater = new AdUpdater(new AdsApi(http, server.uri()), ads, downloadQueue, main);
        }

        void warmUp() throws Exception {
            GroupWaitingIntegrationTest.warmUp(http, server.uri());
        }

        /** {@code updateAdsAndWait(timeout)}, waited for at most {@code bound}; on expiry, says where it is blocked, and {@code why} it must not be. */
        UpdateReport updateAdsAndWait(Duration timeout, Duration bound, String why) throws Exception {
            AtomicReference<Thread> blocked = new AtomicReference<>();
            Future<UpdateReport> result = requestThread.submit(() -> {
                blocked.set(Thread.currentThread());
                return updater.updateAdsAndWait(timeout);
            });
            try {
                return result.get(bound.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillBlocked) {
                Thread thread = blocked.get();
                String stack = thread == null ? "(never started)" : Arrays.stream(thread.getStackTrace())
                        .map(frame -> "    at " + frame).collect(Collectors.joining("\n"));
                requestThread.shutdownNow();
                throw new AssertionError("updateAdsAndWait(" + describe(timeout) + ") was still blocked after " + describe(bound)
                        + ": it must give up when its timeout has passed (" + why + "). The request thread was blocked here:\n" + stack);
            }
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

    /**
     * One request to the ad server first, within 5 s: on a loaded machine the first exchange of a JVM (a cold client,
     * a cold server) can take seconds, which the bounds of the test proper must not measure.
     */
    private static void warmUp(HttpClient http, URI server) throws Exception {
        HttpRequest hello = HttpRequest.newBuilder(server.resolve("/ads/warm-up")).GET().build();
        try {
            http.sendAsync(hello, HttpResponse.BodyHandlers.discarding()).get(5, TimeUnit.SECONDS);
        } catch (TimeoutException slow) {
            throw new AssertionError("the ad server did not answer a first request within 5 s: the machine is too busy for"
                    + " this real-socket test (nothing of the kata was tested yet)", slow);
        }
    }

    private static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** A download's hidden temporary file ({@code .download-*.part}), moved into place or deleted when it ends. */
    private static boolean isPartial(String name) {
        return name.startsWith(".") && name.endsWith(".part");
    }

    private static HttpClient client() {
        // HTTP/1.1: see the class comment (the JDK retries an idempotent GET after a reset).
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    }

    private static void stubTheAdServer() {
        String manifest = LISTED.stream().map(AdsStory::jsonString).collect(Collectors.joining(",", "[", "]"));
        adServer.stubFor(get(urlEqualTo("/ads/manifest")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(manifest)));
        image("slow.png", 400);
        image("quick.png", 150);
        image("instant.png", 0);
        adServer.stubFor(get(urlEqualTo("/ads/missing.png")).willReturn(aResponse().withStatus(404).withBody("no such ad")));
        adServer.stubFor(get(urlEqualTo("/ads/reset.png")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    }

    private static void image(String name, int delayMillis) {
        adServer.stubFor(get(urlEqualTo("/ads/" + name)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/png").withBody(bytesOf(name)).withFixedDelay(delayMillis)));
    }

    /** Each file was asked for once; the reset one once or twice (the JDK's silent retry of an idempotent GET). */
    private static void assertEachFileAskedForOnce() {
        for (String name : List.of("slow.png", "quick.png", "instant.png", "missing.png")) {
            assertThat(adServer.countRequestsMatching(getRequestedFor(urlEqualTo("/ads/" + name)).build()).getCount())
                    .as("requests for " + name).isEqualTo(1);
        }
        assertThat(adServer.countRequestsMatching(getRequestedFor(urlEqualTo("/ads/reset.png")).build()).getCount())
                .as("requests for reset.png (the JDK may retry once after the reset)").isBetween(1, 2);
    }

    private static void assertOnDiskExactly(Path ads, String... names) {
        Map<String, byte[]> onDisk = filesIn(ads);
        assertThat(onDisk.keySet()).as("the files in the ad directory (no partial download may be left behind)").containsExactlyInAnyOrder(names);
        for (String name : names) {
            assertThat(onDisk.get(name)).as("the bytes of " + name + " on disk").isEqualTo(bytesOf(name));
        }
    }

    private static Map<String, byte[]> filesIn(Path directory) {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> all = Files.list(directory)) {
            for (Path file : all.toList()) {
                files.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return files;
    }

    /**
     * A tiny JDK HttpServer ad server: lists its files and the silent ones, serves the files, and holds the requests
     * for the silent ones (files, or {@code "manifest"}) until {@link #release} (then it sends them: the manifest, or
     * the file's bytes) or {@link #close} (then it answers 503). WireMock would sleep on its own threads for a fixed delay.
     */
    static final class SilentAdServer implements AutoCloseable {
        private final HttpServer server;
        private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        private final CountDownLatch letGo = new CountDownLatch(1);
        private volatile boolean closed;

        SilentAdServer(Map<String, byte[]> files, String... silent) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(threads);
            List<String> held = List.of(silent);
            String manifest = Stream.concat(files.keySet().stream().sorted(), held.stream().filter(name -> !name.equals("manifest")))
                    .map(AdsStory::jsonString).collect(Collectors.joining(",", "[", "]"));
            server.createContext("/ads/", exchange -> {
                try (exchange) {
                    String name = exchange.getRequestURI().getPath().substring("/ads/".length());
                    if (held.contains(name) && (!letGo.await(30, TimeUnit.SECONDS) || closed)) { // held; bounded, released on close
                        exchange.sendResponseHeaders(503, -1);
                        return;
                    }
                    byte[] body = name.equals("manifest") ? manifest.getBytes(StandardCharsets.UTF_8)
                            : held.contains(name) ? bytesOf(name) : files.get(name);
                    if (body == null) {
                        exchange.sendResponseHeaders(404, -1);
                        return;
                    }
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                }
            });
            server.start();
        }

        URI uri() {
            return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
        }

        /** The held requests are answered now, with what they asked for. */
        void release() {
            letGo.countDown();
        }

        @Override
        public void close() {
            closed = true;
            letGo.countDown();
            server.stop(0);
            threads.shutdownNow();
        }
    }
}
