package dev.asynckatas.kit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asynckatas.kit.junit.SimulationTest;
import dev.asynckatas.kit.sim.Simulation;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@SimulationTest
@DisplayName("Simulated HttpClient: cancelling a request, as the JDK's client does")
class SimHttpCancellationTest {

    private static final HttpRequest PROFILE = HttpRequest.newBuilder(URI.create("https://api.example.com/profile")).build();

    @BeforeEach
    void slowProfile(SimNetwork network) {
        network.on("GET", "/profile").respond(Reply.ok("{\"name\":\"Ada\"}").after(Duration.ofSeconds(3)));
    }

    private static Exchange theExchange(SimNetwork network) {
        assertThat(network.exchanges()).hasSize(1);
        return network.exchanges().get(0);
    }

    @Test
    @DisplayName("cancel(true) in flight aborts the exchange: CancellationException(\"Request cancelled\") caused by an IOException,"
            + " cancel returns true and isCancelled() stays false")
    void cancelTrueAbortsTheExchange(Simulation sim, SimNetwork network) {
        CompletableFuture<HttpResponse<String>> response = network.client().sendAsync(PROFILE, BodyHandlers.ofString());
        sim.advanceBy(Duration.ofSeconds(1));

        boolean cancelled = response.cancel(true);

        assertThat(cancelled).isTrue();
        assertThat(response.isCancelled()).isFalse();
        assertThat(response).isCompletedExceptionally();
        assertThatThrownBy(response::get).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(CancellationException.class).hasMessage("Request cancelled")
                .cause().isInstanceOf(IOException.class);
        sim.runUntilIdle();
        assertThat(theExchange(network).state()).isEqualTo(Exchange.State.ABORTED);
        assertThat(theExchange(network).endedAt()).contains(Duration.ofSeconds(1));
    }

    @Test
    @DisplayName("later stages see the abort as a CompletionException around the CancellationException")
    void stagesSeeTheAbortWrapped(Simulation sim, SimNetwork network) {
        CompletableFuture<HttpResponse<String>> response = network.client().sendAsync(PROFILE, BodyHandlers.ofString());
        CompletableFuture<Throwable> seen = response.handle((r, failure) -> failure);

        response.cancel(true);

        assertThat(seen.join()).isInstanceOf(CompletionException.class).cause().isInstanceOf(CancellationException.class);
    }

    @Test
    @DisplayName("cancel(true) on a stage derived with thenApply aborts the exchange too")
    void cancelOnADerivedStageAborts(Simulation sim, SimNetwork network) {
        CompletableFuture<String> name = network.client().sendAsync(PROFILE, BodyHandlers.ofString()).thenApply(HttpResponse::body);
        sim.advanceBy(Duration.ofSeconds(1));

        assertThat(name.cancel(true)).isTrue();
        sim.runUntilIdle();

        assertThat(theExchange(network).state()).isEqualTo(Exchange.State.ABORTED);
        assertThat(name).isCompletedExceptionally();
    }

    @Test
    @DisplayName("cancel(false) cancels the future but aborts nothing: the server still completes the exchange")
    void cancelFalseAbortsNothing(Simulation sim, SimNetwork network) {
        CompletableFuture<HttpResponse<String>> response = network.client().sendAsync(PROFILE, BodyHandlers.ofString());
        sim.advanceBy(Duration.ofSeconds(1));

        response.cancel(false);
        sim.runUntilIdle();

        assertThat(response.isCancelled()).isTrue();
        assertThat(theExchange(network).state()).isEqualTo(Exchange.State.COMPLETED);
        assertThat(theExchange(network).endedAt()).contains(Duration.ofSeconds(3));
    }

    @Test
    @DisplayName("cancel right after sendAsync, at 0 s, aborts before any response arrives")
    void cancelAtOnceAbortsBeforeAnyResponse(Simulation sim, SimNetwork network) {
        CompletableFuture<HttpResponse<String>> response = network.client().sendAsync(PROFILE, BodyHandlers.ofString());

        response.cancel(true);
        sim.runUntilIdle();

        assertThat(theExchange(network).state()).isEqualTo(Exchange.State.ABORTED);
        assertThat(theExchange(network).endedAt()).contains(Duration.ZERO);
        assertThat(theExchange(network).bodyBytesDelivered()).isZero();
        assertThat(response).isCompletedExceptionally();
    }

    @Test
    @DisplayName("cancel after completion is a no-op: it returns false and the response stays")
    void cancelAfterCompletionIsANoOp(Simulation sim, SimNetwork network) {
        CompletableFuture<HttpResponse<String>> response = network.client().sendAsync(PROFILE, BodyHandlers.ofString());
        sim.runUntilIdle();

        assertThat(response.cancel(true)).isFalse();

        assertThat(response.isCancelled()).isFalse();
        assertThat(response.join().body()).contains("Ada");
        assertThat(theExchange(network).state()).isEqualTo(Exchange.State.COMPLETED);
    }

    @Test
    @DisplayName("cancel(true) while the body is still arriving aborts, and the future ends cancelled (isCancelled() true, as in the JDK)")
    void cancelMidBody(Simulation sim, SimNetwork network) {
        network.on("GET", "/video").respond(Reply.status(200).body(new byte[1000]).after(Duration.ofSeconds(1))
                .inChunks(10, Duration.ofSeconds(1)));
        CompletableFuture<HttpResponse<byte[]>> response = network.client()
                .sendAsync(HttpRequest.newBuilder(URI.create("https://api.example.com/video")).build(), BodyHandlers.ofByteArray());
        sim.advanceBy(Duration.ofMillis(3500));

        assertThat(response.cancel(true)).isTrue();
        sim.runUntilIdle();

        // Unlike a cancel before the headers, the future ends cancelled, as the JDK's does (measured on JDK 25).
        assertThat(response.isCancelled()).isTrue();
        assertThatThrownBy(response::get).isInstanceOf(CancellationException.class);
        assertThat(theExchange(network).state()).isEqualTo(Exchange.State.ABORTED);
        assertThat(theExchange(network).bodyBytesDelivered()).isEqualTo(200); // chunks at 2 s and 3 s
    }
}
