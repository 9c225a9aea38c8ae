package dev.asynckatas.asynccancellation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.asynckatas.kit.real.SlowBodyServer;
import dev.asynckatas.kit.real.SlowBodyServer.Outcome;
import dev.asynckatas.kit.real.SlowBodyServer.Served;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The kata's client on the real face: the JDK's HttpClient on real sockets against a {@link SlowBodyServer}
 * whose images dribble under the test's control, the learner's {@link AsyncHttpClient} dispatching on virtual
 * threads. HTTP/1.1 is pinned: the fixture speaks nothing else, and an abort must close the connection the
 * server watches (with HTTP/2 a cancel resets one stream and keeps the connection).
 */
final class RealGallery implements AutoCloseable {

    /**
     * The bound for things that take milliseconds: it only matters when something is broken. Well under the
     * grader's limit for a whole test (about 10 s), so that the test's own message says what did not happen.
     */
    static final Duration PATIENCE = Duration.ofSeconds(5);
    /**
     * How long the server is watched for an abort that a working cancel causes within milliseconds; with the
     * {@link #PATIENCE} to see the rest of the body go out when it does not, still under the grader's limit.
     */
    static final Duration ABORT_PATIENCE = Duration.ofSeconds(3);

    final SlowBodyServer server;
    final HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final ExecutorService tasks = Executors.newVirtualThreadPerTaskExecutor();
    final ImageCache cache = new ImageCache();
    final AsyncHttpClient http = new AsyncHttpClient(new JdkCallbackHttpClient(jdk, cache), tasks);

    RealGallery() throws IOException {
        this.server = SlowBodyServer.start(64, 16 * 1024); // 1 MB images, 16 KB at a time
    }

    HttpRequest request(String path) {
        return HttpRequest.newBuilder(server.uri(path)).GET().build();
    }

    Served awaitRequest(String path) throws Exception {
        return server.awaitRequest(path, PATIENCE);
    }

    /**
     * Watches {@code served} for the abort a cancel must cause; when none comes, lets the rest of the body go
     * so that the failure can say the request ran to the end.
     */
    static void assertServerSawTheAbort(Served served, String what) {
        try {
            await().pollDelay(Duration.ZERO).atMost(ABORT_PATIENCE).until(served::isOver);
        } catch (ConditionTimeoutException stillSending) {
            served.releaseAll();
            await().pollDelay(Duration.ZERO).atMost(PATIENCE).until(served::isOver);
        }
        assertThat(served.outcome()).as(what + ": the server should see the client go away; it " + served)
                .isEqualTo(Outcome.ABORTED);
    }

    /** Closes the server first: a JDK client waits for its exchanges on close, and held bodies would never end. */
    @Override
    public void close() {
        server.close();
        tasks.shutdownNow();
        jdk.shutdownNow();
    }
}
