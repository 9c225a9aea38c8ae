package dev.asynckatas.kit.real;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.asynckatas.platform.AppDelegate;
import dev.asynckatas.platform.AppProcess;
import dev.asynckatas.platform.TransferSession;
import dev.asynckatas.platform.TransferTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transfer service's real face: the JDK's HttpClient against a JDK HttpServer, a journal on disk, app processes on
 * real threads. Every wait is bounded (5 s) and says what did not happen. The client is pinned to HTTP/1.1: the test's
 * server speaks it, and the JDK's silent retry of a GET after a reset would otherwise depend on the protocol.
 */
@DisplayName("Real transfer service: a journal on disk, Range to resume, the app launched again for the events")
class RealTransferServiceTest {

    private static final String SESSION = "real.downloads";
    private static final Duration BOUND = Duration.ofSeconds(5);

    /** An app that opens the session at every launch and moves every finished download into Caches/. */
    static final class App implements AppDelegate, TransferSession.Delegate {
        private final AppProcess process;
        private final int number;
        private final List<String> log;
        TransferSession session;

        App(AppProcess process, int number, List<String> log) {
            this.process = process;
            this.number = number;
            this.log = log;
        }

        @Override
        public void didFinishLaunching() {
            session = process.transfers().backgroundSession(SESSION, this);
        }

        @Override
        public void handleEventsForBackgroundSession(String identifier, Runnable completionHandler) {
            log.add("#" + number + " handleEvents");
            this.handler = completionHandler;
        }

        private volatile Runnable handler;

        @Override
        public void didFinishDownloading(TransferTask task, Path location) {
            try {
                Files.move(location, process.cachesDirectory().resolve("episode-" + task.identifier()));
                log.add("#" + number + " saved " + task.identifier() + " HTTP " + task.response().orElseThrow().statusCode());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void didComplete(TransferTask task, IOException error) {
            log.add("#" + number + " completed " + task.identifier() + (error == null ? "" : " " + error.getMessage()));
        }

        @Override
        public void didFinishEvents(TransferSession finished) {
            log.add("#" + number + " didFinishEvents for '" + finished.identifier() + "'");
            process.main().execute(() -> {
                log.add("#" + number + " calls the handler");
                handler.run();
            });
        }
    }

    private static byte[] body() {
        byte[] body = new byte[256 * 1024];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31 + i / 1024);
        }
        return body;
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    private RealDevice device(Path disk, HttpClient http, List<String> log) throws IOException {
        List<App> apps = new CopyOnWriteArrayList<>();
        return RealDevice.start(disk, http, process -> {
            App app = new App(process, apps.size() + 1, log);
            apps.add(app);
            return app;
        });
    }

    private static void startDownload(RealDevice device, URI url) {
        RealAppProcess process = device.userOpensApp();
        process.main().execute(() -> ((App) process.delegate()).session.download(url));
    }

    @Test
    @DisplayName("a restart mid-download: the service resumes with Range, the server answers 206, the file is whole; the app is launched for it")
    void resumesWithRangeWhereTheServerAllowsIt(@TempDir Path disk) throws Exception {
        byte[] body = body();
        List<String> log = new CopyOnWriteArrayList<>();
        try (RangeServer server = RangeServer.start(body, true, 64 * 1024); HttpClient http = client();
             RealDevice device = device(disk, http, log)) {
            startDownload(device, server.uri());
            await("the first 64 KiB written to the service's temporary file").pollDelay(Duration.ZERO).atMost(BOUND)
                    .until(() -> device.transferService().bytesOnDisk(SESSION, 1) == 64 * 1024);

            device.restart();
            server.release();

            await("the download saved by a process the system launched").pollDelay(Duration.ZERO).atMost(BOUND)
                    .until(() -> log.contains("#2 calls the handler"));
            assertThat(server.ranges).as("the Range header of each request the server saw").containsExactly("", "bytes=65536-");
            assertThat(Files.readAllBytes(device.cachesDirectory().resolve("episode-1"))).as("the saved file: the server's bytes, whole")
                    .isEqualTo(body);
            assertThat(log).containsSubsequence("#2 handleEvents", "#2 saved 1 HTTP 200", "#2 completed 1", "#2 calls the handler");
            assertThat(device.handlerCalls()).singleElement().satisfies(call -> {
                assertThat(call.onMain()).as("the completion handler called on the main thread").isTrue();
                assertThat(call.eventsStillUndelivered()).isZero();
            });
            assertThat(device.transferService().temporaryFiles()).as("temporary files left").isEmpty();
        }
    }

    @Test
    @DisplayName("a server that ignores Range answers 200 with everything: the service starts over, and the file is whole, not doubled")
    void startsOverWhereTheServerIgnoresRange(@TempDir Path disk) throws Exception {
        byte[] body = body();
        List<String> log = new CopyOnWriteArrayList<>();
        try (RangeServer server = RangeServer.start(body, false, 64 * 1024); HttpClient http = client();
             RealDevice device = device(disk, http, log)) {
            startDownload(device, server.uri());
            await("the first 64 KiB written to the service's temporary file").pollDelay(Duration.ZERO).atMost(BOUND)
                    .until(() -> device.transferService().bytesOnDisk(SESSION, 1) == 64 * 1024);

            device.restart();
            server.release();

            await("the download saved by a process the system launched").pollDelay(Duration.ZERO).atMost(BOUND)
                    .until(() -> log.contains("#2 calls the handler"));
            assertThat(server.ranges).containsExactly("", "bytes=65536-");
            assertThat(Files.readAllBytes(device.cachesDirectory().resolve("episode-1"))).as("the saved file: whole, not doubled")
                    .isEqualTo(body);
        }
    }

    @Test
    @DisplayName("the app terminated mid-download: the service goes on, and a process launched for the events gets them, once")
    void aTerminatedAppIsLaunchedForTheEvents(@TempDir Path disk) throws Exception {
        byte[] body = body();
        List<String> log = new CopyOnWriteArrayList<>();
        try (RangeServer server = RangeServer.start(body, true, 64 * 1024); HttpClient http = client();
             RealDevice device = device(disk, http, log)) {
            startDownload(device, server.uri());
            await("the download under way").pollDelay(Duration.ZERO).atMost(BOUND)
                    .until(() -> device.transferService().bytesOnDisk(SESSION, 1) > 0);

            device.terminateApp();
            server.release();

            await("the events delivered to a new process").pollDelay(Duration.ZERO).atMost(BOUND)
                    .until(() -> log.contains("#2 calls the handler"));
            assertThat(log).as("what each process heard").noneMatch(line -> line.startsWith("#1 saved") || line.startsWith("#1 completed"))
                    .containsSubsequence("#2 handleEvents", "#2 saved 1 HTTP 200", "#2 completed 1", "#2 didFinishEvents for '" + SESSION + "'");
            assertThat(device.processes()).hasSize(2).last().matches(RealAppProcess::launchedBySystem, "launched by the system");
            assertThat(server.ranges).as("one request: the service's download did not stop with the app").containsExactly("");
            assertThat(Files.readAllBytes(device.cachesDirectory().resolve("episode-1"))).isEqualTo(body);
            assertThat(device.deadProcessCalls()).isEmpty();
        }
    }
}
