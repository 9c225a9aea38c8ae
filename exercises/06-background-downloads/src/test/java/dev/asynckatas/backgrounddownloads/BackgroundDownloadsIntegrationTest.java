package dev.asynckatas.backgrounddownloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.asynckatas.kit.junit.CatchesBug;
import dev.asynckatas.kit.real.RealAppProcess;
import dev.asynckatas.kit.real.RealDevice;
import dev.asynckatas.kit.real.SlowBodyServer;
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
 * Kata 06 on real threads and sockets: the kit's real transfer service (the JDK's HttpClient, a journal on disk) and
 * real app processes, against a small HTTP server whose bodies go out when the test says. Every wait is bounded (5 s)
 * and says what did not happen; the client is pinned to HTTP/1.1, the server's protocol.
 */
class BackgroundDownloadsIntegrationTest {

    private static final Duration BOUND = Duration.ofSeconds(5);

    /** What the screens of every process were told, and whether on their main thread. */
    private final List<String> reports = new CopyOnWriteArrayList<>();

    private RealDevice device(Path home, HttpClient http, Path downloads) throws Exception {
        Files.createDirectories(downloads);
        return RealDevice.start(home.resolve("device"), http, process -> new PodcastApp(process, downloads, new DownloadsView() {
            @Override
            public void showProgress(URI episode, long received, long expected) {
            }

            @Override
            public void showDownloaded(URI episode, Path file) {
                reports.add("downloaded " + episode.getPath() + " to " + file.getFileName() + where());
            }

            @Override
            public void showFailed(URI episode, String reason) {
                reports.add("failed " + episode.getPath() + ": " + reason + where());
            }

            private String where() {
                return (process.main().isCurrent() ? "" : " OFF MAIN") + " by process #" + ((RealAppProcess) process).number();
            }
        }));
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    private static byte[] served(SlowBodyServer server) {
        byte[] body = new byte[server.bodyBytes()];
        for (int i = 0; i < body.length; i++) {
            body[i] = SlowBodyServer.bodyByte(i);
        }
        return body;
    }

    private static void tapDownloadAll(RealDevice device, URI... episodes) {
        RealAppProcess process = device.userOpensApp();
        process.main().execute(() -> ((PodcastApp) process.delegate()).downloadAll(List.of(episodes)));
    }

    @Test
    @DisplayName("real sockets, in front: two episodes land in the downloads folder with the server's bytes, reported on the main thread")
    void inFrontOnRealSockets(@TempDir Path home) throws Exception {
        Path downloads = home.resolve("device/app/Library/Caches/Episodes");
        try (SlowBodyServer server = SlowBodyServer.start(4, 16 * 1024); HttpClient http = client();
             RealDevice device = device(home, http, downloads)) {
            tapDownloadAll(device, server.uri("/show/ep-1.mp3"), server.uri("/show/ep-2.mp3"));
            server.awaitRequest("/show/ep-1.mp3", BOUND).releaseAll();
            server.awaitRequest("/show/ep-2.mp3", BOUND).releaseAll();

            await("both episodes reported downloaded").pollDelay(Duration.ZERO).atMost(BOUND).until(() -> reports.size() >= 2);
            assertThat(reports).as("what the screen was told").containsExactlyInAnyOrder(
                    "downloaded /show/ep-1.mp3 to ep-1.mp3 by process #1", "downloaded /show/ep-2.mp3 to ep-2.mp3 by process #1");
            assertThat(Files.readAllBytes(downloads.resolve("ep-1.mp3"))).isEqualTo(served(server));
            assertThat(Files.readAllBytes(downloads.resolve("ep-2.mp3"))).isEqualTo(served(server));
        }
    }

    @Test
    @DisplayName("real threads: the app terminated mid-download; the system launches it again, and the new process saves both and calls the handler on main")
    @CatchesBug(Bugs.LOST_IN_A_NEW_PROCESS)
    void terminatedMidDownloadAndLaunchedAgain(@TempDir Path home) throws Exception {
        Path downloads = home.resolve("device/app/Library/Caches/Episodes");
        try (SlowBodyServer server = SlowBodyServer.start(4, 16 * 1024); HttpClient http = client();
             RealDevice device = device(home, http, downloads)) {
            tapDownloadAll(device, server.uri("/show/ep-1.mp3"), server.uri("/show/ep-2.mp3"));
            SlowBodyServer.Served first = server.awaitRequest("/show/ep-1.mp3", BOUND);
            SlowBodyServer.Served second = server.awaitRequest("/show/ep-2.mp3", BOUND);

            device.terminateApp();
            first.releaseAll();
            second.releaseAll();

            await("both episodes reported").pollDelay(Duration.ZERO).atMost(BOUND).until(() -> reports.size() >= 2);
            assertThat(reports).as("what the screens were told: by the process the system launched, on its main thread")
                    .containsExactlyInAnyOrder("downloaded /show/ep-1.mp3 to ep-1.mp3 by process #2",
                            "downloaded /show/ep-2.mp3 to ep-2.mp3 by process #2");
            assertThat(Files.readAllBytes(downloads.resolve("ep-1.mp3"))).isEqualTo(served(server));
            assertThat(device.processes()).hasSize(2).last().matches(RealAppProcess::launchedBySystem, "launched by the system");
            await("the completion handler called").pollDelay(Duration.ZERO).atMost(BOUND).until(() -> !device.handlerCalls().isEmpty());
            assertThat(device.handlerCalls()).singleElement().satisfies(call -> {
                assertThat(call.onMain()).as("the completion handler called on the main thread (" + call.thread() + ")").isTrue();
                assertThat(call.eventsStillUndelivered()).as("events not delivered when the handler was called").isZero();
            });
            assertThat(device.deadProcessCalls()).as("anything of the terminated process used afterwards").isEmpty();
            assertThat(device.transferService().temporaryFiles()).as("temporary files the service still holds").isEmpty();
        }
    }
}
