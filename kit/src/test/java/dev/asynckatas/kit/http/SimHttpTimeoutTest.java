package dev.asynckatas.kit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asynckatas.kit.junit.SimulationTest;
import dev.asynckatas.kit.sim.Simulation;
import dev.asynckatas.kit.assertions.FutureOutcome;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@SimulationTest
@DisplayName("Simulated HttpClient: HttpRequest.timeout covers the response headers only; a connection that never completes times out as a connect")
class SimHttpTimeoutTest {

    private static HttpRequest slowRequest(Duration timeout) {
        return HttpRequest.newBuilder(URI.create("https://api.example.com/slow")).timeout(timeout).build();
    }

    @Test
    @DisplayName("late headers fail with HttpTimeoutException: get() wraps it in ExecutionException, and the exchange is TIMED_OUT")
    void lateHeadersTimeOut(Simulation sim, SimNetwork network) {
        network.on("GET", "/slow").respond(Reply.ok("late").after(Duration.ofSeconds(10)));

        var response = network.client().sendAsync(slowRequest(Duration.ofSeconds(2)), BodyHandlers.ofString());
        sim.advanceBy(Duration.ofSeconds(2));

        assertThatThrownBy(response::get).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(HttpTimeoutException.class);
        assertThat(network.exchanges()).singleElement().satisfies(e -> {
            assertThat(e.state()).isEqualTo(Exchange.State.TIMED_OUT);
            assertThat(e.endedAt()).contains(Duration.ofSeconds(2));
        });
        sim.runUntilIdle();
        assertThat(network.exchanges()).singleElement().extracting(Exchange::state).isEqualTo(Exchange.State.TIMED_OUT);
    }

    @Test
    @DisplayName("a stage of the response (handle, exceptionally) sees the timeout as CompletionException(HttpTimeoutException)")
    void stagesSeeTheTimeoutWrapped(Simulation sim, SimNetwork network) {
        network.on("GET", "/slow").respond(Reply.never());

        CompletableFuture<Throwable> seen = network.client().sendAsync(slowRequest(Duration.ofSeconds(2)), BodyHandlers.ofString())
                .handle((response, failure) -> failure);
        sim.runUntilIdle();

        assertThat(seen.join()).isInstanceOf(CompletionException.class).hasCauseInstanceOf(HttpTimeoutException.class);
    }

    @Test
    @DisplayName("headers on time and a slow body succeed, however long the body takes")
    void slowBodyIsNotATimeout(Simulation sim, SimNetwork network) {
        network.on("GET", "/slow").respond(Reply.ok("a body that dribbles in").after(Duration.ofSeconds(1))
                .inChunks(5, Duration.ofSeconds(2)));

        var response = network.client().sendAsync(slowRequest(Duration.ofSeconds(2)), BodyHandlers.ofString());
        sim.runUntilIdle();

        assertThat(response.join().body()).isEqualTo("a body that dribbles in");
        assertThat(sim.now()).isEqualTo(Duration.ofSeconds(11));
        assertThat(network.exchanges()).singleElement().matches(Exchange::isCompleted);
    }

    @Test
    @DisplayName("headers due exactly at the timeout instant are in time")
    void headersAtTheDeadlineAreInTime(Simulation sim, SimNetwork network) {
        network.on("GET", "/slow").respond(Reply.ok("just in time").after(Duration.ofSeconds(2)));

        var response = network.client().sendAsync(slowRequest(Duration.ofSeconds(2)), BodyHandlers.ofString());
        sim.runUntilIdle();

        assertThat(response.join().body()).isEqualTo("just in time");
        assertThat(network.exchanges()).singleElement().matches(Exchange::isCompleted);
    }

    @Test
    @DisplayName("headers on time, then the body stalls: no timeout ever, the response stays pending, the exchange stays in flight")
    void aStalledBodyNeverTimesOut(Simulation sim, SimNetwork network) {
        network.on("GET", "/slow").respond(Reply.ok("0123456789 and the rest never comes").after(Duration.ofSeconds(1)).stallsAfter(10));

        var response = network.client().sendAsync(slowRequest(Duration.ofSeconds(2)), BodyHandlers.ofString());
        sim.advanceBy(Duration.ofMinutes(10));

        assertThat(response).as("the response while the body stalls").isNotDone();
        assertThat(network.exchanges()).singleElement().satisfies(e -> {
            assertThat(e.state()).isEqualTo(Exchange.State.IN_FLIGHT);
            assertThat(e.bodyBytesDelivered()).isEqualTo(10);
        });
        assertThat(sim.pending()).as("nothing left to happen: the stall is for ever").isEmpty();
    }

    @Test
    @DisplayName("a stalled body in chunks: the first pieces arrive, then nothing; cancel(true) aborts the exchange")
    void aStalledBodyInChunksCanBeCancelled(Simulation sim, SimNetwork network) {
        network.on("GET", "/slow").respond(Reply.ok("abcdefghijklmnopqrst").after(Duration.ofSeconds(1))
                .inChunks(4, Duration.ofSeconds(1)).stallsAfter(10));

        var response = network.client().sendAsync(slowRequest(Duration.ofSeconds(2)), BodyHandlers.ofString());
        sim.advanceTo(Duration.ofSeconds(30));
        assertThat(network.exchanges().get(0).bodyBytesDelivered()).as("bytes before the stall").isEqualTo(10);

        assertThat(response.cancel(true)).isTrue();

        assertThat(network.exchanges()).singleElement().satisfies(e -> {
            assertThat(e.state()).isEqualTo(Exchange.State.ABORTED);
            assertThat(e.endedAt()).contains(Duration.ofSeconds(30));
        });
        assertThat(FutureOutcome.of(response).isCancelled()).as("the response: " + FutureOutcome.of(response)).isTrue();
    }

    @Test
    @DisplayName("an unreachable server and a request timeout: HttpConnectTimeoutException at the timeout, the request never reached the server")
    void unreachableWithARequestTimeout(Simulation sim, SimNetwork network) {
        network.on("GET", "/slow").respond(Reply.unreachable());

        CompletableFuture<Throwable> seen = network.client().sendAsync(slowRequest(Duration.ofSeconds(3)), BodyHandlers.ofString())
                .handle((response, failure) -> failure);
        sim.advanceBy(Duration.ofMillis(2999));
        assertThat(seen).as("before the timeout").isNotDone();
        sim.advanceBy(Duration.ofMillis(1));

        assertThat(seen.join()).isInstanceOf(CompletionException.class).cause()
                .isInstanceOf(HttpConnectTimeoutException.class).hasMessage("HTTP connect timed out")
                .cause().isInstanceOf(ConnectException.class);
        assertThat(network.exchanges()).singleElement().satisfies(e -> {
            assertThat(e.reachedServer()).isFalse();
            assertThat(e.state()).isEqualTo(Exchange.State.TIMED_OUT);
            assertThat(e.endedAt()).contains(Duration.ofSeconds(3));
        });
    }

    @Test
    @DisplayName("an unreachable server: the shorter of the client's connectTimeout and the request's timeout ends it, with HttpConnectTimeoutException")
    void unreachableTheShorterTimeoutWins(Simulation sim, SimNetwork network) {
        network.on("GET", "/slow").respond(Reply.unreachable());
        HttpClient patientConnect = network.client(Duration.ofSeconds(10));
        HttpClient quickConnect = network.client(Duration.ofSeconds(1));
        List<String> ended = new ArrayList<>();

        for (var attempt : List.of(
                new Object[] {"connect 1 s, request 4 s", quickConnect, slowRequest(Duration.ofSeconds(4))},
                new Object[] {"connect 10 s, request 2 s", patientConnect, slowRequest(Duration.ofSeconds(2))},
                new Object[] {"connect 1 s, no request timeout", quickConnect, HttpRequest.newBuilder(URI.create("https://api.example.com/slow")).build()})) {
            ((HttpClient) attempt[1]).sendAsync((HttpRequest) attempt[2], BodyHandlers.ofString())
                    .whenComplete((response, failure) -> ended.add(attempt[0] + ": " + sim.now().toSeconds() + " s, "
                            + failure.getCause().getClass().getSimpleName()));
        }
        sim.runUntilIdle();

        assertThat(ended).containsExactly("connect 1 s, request 4 s: 1 s, HttpConnectTimeoutException",
                "connect 1 s, no request timeout: 1 s, HttpConnectTimeoutException",
                "connect 10 s, request 2 s: 2 s, HttpConnectTimeoutException");
        assertThat(quickConnect.connectTimeout()).contains(Duration.ofSeconds(1));
    }

    @Test
    @DisplayName("an unreachable server and no timeout at all: the request waits for ever, until a cancel aborts it")
    void unreachableWithoutATimeoutWaitsUntilCancelled(Simulation sim, SimNetwork network) {
        network.on("GET", "/slow").respond(Reply.unreachable());

        var response = network.client().sendAsync(HttpRequest.newBuilder(URI.create("https://api.example.com/slow")).build(),
                BodyHandlers.ofString());
        sim.advanceBy(Duration.ofHours(1));
        assertThat(response).isNotDone();

        response.cancel(true);

        assertThat(network.exchanges()).singleElement().matches(Exchange::wasAborted, "aborted");
        assertThatThrownBy(response::get).isInstanceOf(ExecutionException.class).cause().isInstanceOf(CancellationException.class);
    }

    @Test
    @DisplayName("the blocking send() throws the timeouts unwrapped: HttpTimeoutException for late headers, HttpConnectTimeoutException for no connection")
    void blockingSendThrowsTheTimeoutsUnwrapped(Simulation sim, SimNetwork network) {
        network.on("GET", "/late").respond(Reply.ok("late").after(Duration.ofSeconds(10)));
        network.on("GET", "/nowhere").respond(Reply.unreachable());
        List<Throwable> thrown = new ArrayList<>();
        HttpClient client = network.client();
        for (String path : List.of("/late", "/nowhere")) {
            sim.lane("worker").execute("sends " + path, () -> {
                try {
                    HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("https://api.example.com" + path))
                            .timeout(Duration.ofSeconds(2)).build(), BodyHandlers.ofString());
                    thrown.add(new AssertionError("answered " + response));
                } catch (Exception e) {
                    thrown.add(e);
                }
            });
        }
        sim.runUntilIdle();

        assertThat(thrown).hasSize(2);
        assertThat(thrown.get(0)).isExactlyInstanceOf(HttpTimeoutException.class).hasMessage("request timed out");
        assertThat(thrown.get(1)).isExactlyInstanceOf(HttpConnectTimeoutException.class).hasMessage("HTTP connect timed out");
        assertThat(sim.now()).isEqualTo(Duration.ofSeconds(4));
    }
}
