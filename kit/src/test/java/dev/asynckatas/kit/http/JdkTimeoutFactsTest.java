package dev.asynckatas.kit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.asynckatas.kit.assertions.FutureOutcome;
import dev.asynckatas.kit.real.SlowBodyServer;
import dev.asynckatas.kit.real.SlowBodyServer.Outcome;
import dev.asynckatas.kit.real.SlowBodyServer.Served;
import dev.asynckatas.kit.real.UnreachableServer;
import dev.asynckatas.kit.sim.Simulation;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every timeout behaviour the simulated client claims, checked side by side with the JDK's real {@code HttpClient} on
 * loopback sockets: the same request, the same observation, on both faces. The real client is pinned to HTTP/1.1: the
 * fixtures speak nothing else, and a timeout or cancel must close the connection they watch.
 *
 * <p>No sleeps and no clock reads: a real timeout is short (200 ms) and every wait for it is bounded and generous; a
 * timeout that must <em>not</em> fire is shown by a later success of the very same exchange.
 */
@DisplayName("JDK facts, and the simulation agrees: request timeouts, connect timeouts, stalled bodies, cancel and orTimeout")
class JdkTimeoutFactsTest {

    private static final Duration SHORT = Duration.ofMillis(200);
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private HttpClient jdk;
    private Simulation sim;
    private SimNetwork network;

    @BeforeEach
    void start() {
        jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        sim = Simulation.create();
        network = new SimNetwork(sim);
    }

    @AfterEach
    void stop() {
        jdk.shutdownNow();
    }

    private static HttpRequest get(URI uri, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        return (timeout == null ? request : request.timeout(timeout)).build();
    }

    private static URI simUri() {
        return URI.create("https://api.example.com/slow");
    }

    /** What a {@code handle} stage saw: the failure, or null for a response. Waits at most {@link #PATIENCE}. */
    private static Throwable failureSeen(CompletableFuture<?> response) throws Exception {
        return response.handle((ok, failure) -> failure).get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Sends one whole exchange first, so that the requests after it reuse an open connection: a request timeout then
     * covers the headers only. (On a cold JVM the first connection can take longer than a short request timeout, which
     * then fires as an {@code HttpConnectTimeoutException}: measured, 2.4 s on a loaded machine.)
     */
    private void warmUp(SlowBodyServer server) throws Exception {
        CompletableFuture<HttpResponse<byte[]>> warmUp = jdk.sendAsync(get(server.uri("/warm-up"), null), BodyHandlers.ofByteArray());
        server.awaitRequest("/warm-up", PATIENCE).releaseAll();
        assertThat(warmUp.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS).body()).hasSize(server.bodyBytes());
    }

    /** Waits until the server has seen the exchange end; says what it saw when it does not within {@link #PATIENCE}. */
    private static void awaitOver(Served served, String what) {
        try {
            await().pollDelay(Duration.ZERO).atMost(PATIENCE).until(served::isOver);
        } catch (ConditionTimeoutException stillOpen) {
            throw new AssertionError(what + ": the server saw no end of the exchange within " + PATIENCE.toSeconds() + " s; it " + served);
        }
    }

    @Test
    @DisplayName("HttpRequest.timeout, headers late: CompletionException(HttpTimeoutException \"request timed out\"), and the client closes the connection")
    void lateHeadersTimeOutAndCloseTheConnection() throws Exception {
        try (SlowBodyServer server = SlowBodyServer.startHoldingHeaders(4, 1024)) {
            warmUp(server);
            CompletableFuture<HttpResponse<String>> real = jdk.sendAsync(get(server.uri("/late"), SHORT), BodyHandlers.ofString());
            Served served = server.awaitRequest("/late", PATIENCE);

            Throwable seen = failureSeen(real);

            assertThat(seen).isInstanceOf(CompletionException.class).cause()
                    .isExactlyInstanceOf(HttpTimeoutException.class).hasMessage("request timed out");
            awaitOver(served, "after the request timeout");
            assertThat(served.outcome()).as("the server's view: " + served).isEqualTo(Outcome.ABORTED);
            assertThat(server.served("/late")).as("requests the server saw (no retry after a timeout)").hasSize(1);
        }

        network.on("GET", "/slow").respond(Reply.ok("late").after(Duration.ofSeconds(10)));
        CompletableFuture<HttpResponse<String>> simulated = network.client().sendAsync(get(simUri(), SHORT), BodyHandlers.ofString());
        sim.runUntilIdle();
        assertThat(simulated.handle((ok, failure) -> failure).join()).isInstanceOf(CompletionException.class).cause()
                .isExactlyInstanceOf(HttpTimeoutException.class).hasMessage("request timed out");
        assertThat(network.exchanges()).singleElement().satisfies(e -> {
            assertThat(e.state()).isEqualTo(Exchange.State.TIMED_OUT);
            assertThat(e.endedAt()).contains(SHORT);
        });
    }

    @Test
    @DisplayName("HttpRequest.timeout, headers on time and the body stalled: no timeout, however long; the same exchange succeeds once the body comes")
    void aStalledBodyIsNotCoveredByTheRequestTimeout() throws Exception {
        try (SlowBodyServer server = SlowBodyServer.start(4, 1024)) {
            warmUp(server);
            CompletableFuture<HttpResponse<byte[]>> real = jdk.sendAsync(get(server.uri("/stalls"), SHORT), BodyHandlers.ofByteArray());
            Served served = server.awaitRequest("/stalls", PATIENCE); // headers and the first chunk are out, the rest is held

            assertThatThrownBy(() -> real.get(SHORT.multipliedBy(5).toMillis(), TimeUnit.MILLISECONDS))
                    .as("the response, five request timeouts after the headers came").isInstanceOf(TimeoutException.class);
            served.releaseAll();

            assertThat(real.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS).body()).as("the body, once released").hasSize(server.bodyBytes());
        }

        network.on("GET", "/slow").respond(Reply.ok("0123456789 and more").after(Duration.ofMillis(50)).stallsAfter(10));
        CompletableFuture<HttpResponse<String>> simulated = network.client().sendAsync(get(simUri(), SHORT), BodyHandlers.ofString());
        sim.advanceBy(Duration.ofMinutes(1));
        assertThat(simulated).as("the simulated response a minute later").isNotDone();
        assertThat(network.exchanges()).singleElement().matches(Exchange::isInFlight, "in flight");
    }

    @Test
    @DisplayName("connectTimeout, a connection never answered: CompletionException(HttpConnectTimeoutException \"HTTP connect timed out\") caused by a ConnectException")
    void connectTimeout() throws Exception {
        Throwable seen;
        try (UnreachableServer server = unreachable()) {
            HttpClient connecting = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(SHORT).build();
            try {
                seen = failureSeen(connecting.sendAsync(get(server.uri("/x"), null), BodyHandlers.ofString()));
            } finally {
                connecting.shutdownNow();
            }
        }
        assertIsConnectTimeout(seen);

        network.on("GET", "/slow").respond(Reply.unreachable());
        CompletableFuture<HttpResponse<String>> simulated = network.client(SHORT).sendAsync(get(simUri(), null), BodyHandlers.ofString());
        sim.runUntilIdle();
        assertIsConnectTimeout(simulated.handle((ok, failure) -> failure).join());
        assertThat(sim.now()).isEqualTo(SHORT);
    }

    @Test
    @DisplayName("HttpRequest.timeout, a connection never answered: HttpConnectTimeoutException too, at the request timeout")
    void requestTimeoutBeforeAConnection() throws Exception {
        try (UnreachableServer server = unreachable()) {
            assertIsConnectTimeout(failureSeen(jdk.sendAsync(get(server.uri("/x"), SHORT), BodyHandlers.ofString())));
        }

        network.on("GET", "/slow").respond(Reply.unreachable());
        CompletableFuture<HttpResponse<String>> simulated = network.client().sendAsync(get(simUri(), SHORT), BodyHandlers.ofString());
        sim.runUntilIdle();
        assertIsConnectTimeout(simulated.handle((ok, failure) -> failure).join());
        assertThat(sim.now()).isEqualTo(SHORT);
    }

    @Test
    @DisplayName("both timeouts, a connection never answered: the shorter one ends it (a 30 s one never has to come)")
    void theShorterOfBothTimeoutsWins() throws Exception {
        Duration long30 = Duration.ofSeconds(30);
        try (UnreachableServer server = unreachable()) {
            for (var clientAndRequest : java.util.List.<Function<URI, Throwable>>of(
                    uri -> sendWith(SHORT, get(uri, long30)),
                    uri -> sendWith(long30, get(uri, SHORT)))) {
                assertIsConnectTimeout(clientAndRequest.apply(server.uri("/x")));
            }
        }

        network.on("GET", "/slow").respond(Reply.unreachable());
        CompletableFuture<HttpResponse<String>> quickConnect = network.client(SHORT).sendAsync(get(simUri(), long30), BodyHandlers.ofString());
        CompletableFuture<HttpResponse<String>> quickRequest = network.client(long30).sendAsync(get(simUri(), SHORT), BodyHandlers.ofString());
        sim.advanceBy(SHORT);
        assertIsConnectTimeout(quickConnect.handle((ok, failure) -> failure).join());
        assertIsConnectTimeout(quickRequest.handle((ok, failure) -> failure).join());
    }

    private Throwable sendWith(Duration connectTimeout, HttpRequest request) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).build();
        try {
            return failureSeen(client.sendAsync(request, BodyHandlers.ofString()));
        } catch (Exception e) {
            throw new AssertionError("no failure within " + PATIENCE.toSeconds() + " s: the shorter timeout did not end the attempt", e);
        } finally {
            client.shutdownNow();
        }
    }

    @Test
    @DisplayName("send(): the timeouts are thrown as they are, not wrapped: HttpTimeoutException for late headers")
    void blockingSendThrowsTheTimeout() throws Exception {
        try (SlowBodyServer server = SlowBodyServer.startHoldingHeaders(4, 1024)) {
            warmUp(server);
            assertThatThrownBy(() -> jdk.send(get(server.uri("/late"), SHORT), BodyHandlers.ofString()))
                    .isExactlyInstanceOf(HttpTimeoutException.class).hasMessage("request timed out");
        }

        network.on("GET", "/slow").respond(Reply.ok("late").after(Duration.ofSeconds(10)));
        Throwable[] thrown = new Throwable[1];
        HttpClient simulated = network.client();
        sim.lane("caller").execute("sends", () -> {
            try {
                simulated.send(get(simUri(), SHORT), BodyHandlers.ofString());
            } catch (IOException | InterruptedException e) {
                thrown[0] = e;
            }
        });
        sim.runUntilIdle();
        assertThat(thrown[0]).isExactlyInstanceOf(HttpTimeoutException.class).hasMessage("request timed out");
    }

    @Test
    @DisplayName("cancel(true) while the headers are awaited: the server sees the abort, and the future reports a cancellation, never a timeout")
    void aCancelBeforeTheHeadersIsACancellationNotATimeout() throws Exception {
        try (SlowBodyServer server = SlowBodyServer.startHoldingHeaders(4, 1024)) {
            CompletableFuture<HttpResponse<String>> real = jdk.sendAsync(get(server.uri("/late"), Duration.ofSeconds(30)), BodyHandlers.ofString());
            Served served = server.awaitRequest("/late", PATIENCE);

            real.cancel(true);

            awaitOver(served, "after cancel(true)");
            assertThat(served.outcome()).isEqualTo(Outcome.ABORTED);
            // Whether isCancelled() is true is a race inside the JDK (mostly false); either way it is a cancellation.
            assertThat(FutureOutcome.of(real).isCancelled()).as("the outcome: " + FutureOutcome.of(real)).isTrue();
        }

        network.on("GET", "/slow").respond(Reply.ok("late").after(Duration.ofSeconds(10)));
        CompletableFuture<HttpResponse<String>> simulated = network.client().sendAsync(get(simUri(), Duration.ofSeconds(30)), BodyHandlers.ofString());
        sim.advanceBy(Duration.ofSeconds(1));
        simulated.cancel(true);
        sim.runUntilIdle();
        assertThat(FutureOutcome.of(simulated).isCancelled()).as("the outcome: " + FutureOutcome.of(simulated)).isTrue();
        assertThat(network.exchanges()).singleElement().matches(Exchange::wasAborted, "aborted");
    }

    @Test
    @DisplayName("orTimeout on the client's own future: TimeoutException, the exchange runs on, and a cancel(true) after it is too late to abort it")
    void orTimeoutAbortsNothingAndLeavesNothingToCancel() throws Exception {
        try (SlowBodyServer server = SlowBodyServer.startHoldingHeaders(4, 1024)) {
            CompletableFuture<HttpResponse<String>> real = jdk.sendAsync(get(server.uri("/late"), null), BodyHandlers.ofString());
            real.orTimeout(SHORT.toMillis(), TimeUnit.MILLISECONDS);
            Served served = server.awaitRequest("/late", PATIENCE);

            assertThatThrownBy(() -> real.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isExactlyInstanceOf(TimeoutException.class);
            assertThat(real.cancel(true)).as("cancel(true) on the future orTimeout completed").isFalse();
            served.releaseAll();

            awaitOver(served, "after the release");
            assertThat(served.outcome()).as("the server's view: the client never went away").isEqualTo(Outcome.SENT_EVERYTHING);
        }

        network.on("GET", "/slow").respond(Reply.ok("late").after(Duration.ofSeconds(10)));
        CompletableFuture<HttpResponse<String>> simulated = network.client().sendAsync(get(simUri(), null), BodyHandlers.ofString());
        simulated.orTimeout(SHORT.toMillis(), TimeUnit.MILLISECONDS);
        sim.advanceBy(SHORT);
        assertThat(FutureOutcome.of(simulated)).isInstanceOf(FutureOutcome.Failed.class);
        assertThat(simulated.cancel(true)).isFalse();
        sim.runUntilIdle();
        assertThat(network.exchanges()).singleElement().matches(Exchange::isCompleted, "completed");
    }

    private static UnreachableServer unreachable() throws IOException {
        try {
            return UnreachableServer.start();
        } catch (IllegalStateException notHere) {
            Assumptions.abort(notHere.getMessage());
            throw notHere;
        }
    }

    private static void assertIsConnectTimeout(Throwable seen) {
        Throwable timeout = seen instanceof CompletionException wrapped ? wrapped.getCause() : seen;
        assertThat(seen).as("what a handle stage saw").isInstanceOf(CompletionException.class);
        assertThat(timeout).isExactlyInstanceOf(HttpConnectTimeoutException.class).hasMessage("HTTP connect timed out")
                .isInstanceOf(HttpTimeoutException.class).cause().isInstanceOf(ConnectException.class);
    }
}
