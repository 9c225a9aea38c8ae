package dev.asynckatas.kit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asynckatas.kit.junit.SimulationTest;
import dev.asynckatas.kit.sim.Simulation;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@SimulationTest
@DisplayName("Simulated HttpClient: HttpRequest.timeout covers the response headers only")
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
}
