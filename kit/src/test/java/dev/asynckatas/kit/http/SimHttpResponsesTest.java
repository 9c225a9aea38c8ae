package dev.asynckatas.kit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asynckatas.kit.junit.SimulationTest;
import dev.asynckatas.kit.sim.Simulation;
import dev.asynckatas.kit.timeline.TimelineEvent;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SimulationTest
@DisplayName("Simulated HttpClient: responses, bodies and connection failures in virtual time")
class SimHttpResponsesTest {

    private static HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("https://api.example.com" + path)).build();
    }

    @Test
    @DisplayName("the response arrives after the route's latency with its body, and the server records the exchange COMPLETED")
    void responseAfterLatency(Simulation sim, SimNetwork network) {
        network.on("GET", "/hello").respond(Reply.ok("hi there").header("X-Kind", "greeting").after(Duration.ofSeconds(2)));

        CompletableFuture<HttpResponse<String>> response = network.client().sendAsync(get("/hello"), BodyHandlers.ofString());
        sim.advanceBy(Duration.ofMillis(1999));
        assertThat(response).isNotDone();
        assertThat(network.exchanges()).singleElement().matches(Exchange::isInFlight);
        sim.advanceBy(Duration.ofMillis(1));

        assertThat(response).isCompletedWithValueMatching(r -> r.statusCode() == 200 && r.body().equals("hi there")
                && r.headers().firstValue("X-Kind").orElseThrow().equals("greeting"));
        assertThat(network.exchanges("GET", "/hello")).singleElement().satisfies(exchange -> {
            assertThat(exchange.state()).isEqualTo(Exchange.State.COMPLETED);
            assertThat(exchange.endedAt()).contains(Duration.ofSeconds(2));
            assertThat(exchange.bodyBytesDelivered()).isEqualTo(8);
        });
    }

    @Test
    @DisplayName("a request that matches no route gets a 404 at once")
    void noRouteIs404(Simulation sim, SimNetwork network) {
        network.on("GET", "/known").respond(Reply.ok("known"));

        CompletableFuture<HttpResponse<String>> response = network.client().sendAsync(get("/unknown"), BodyHandlers.ofString());
        sim.runCurrent();

        assertThat(response).isCompletedWithValueMatching(r -> r.statusCode() == 404);
        assertThat(sim.timeline().events()).map(TimelineEvent::text).anyMatch(text -> text.contains("matches no route: 404"));
    }

    @Test
    @DisplayName("routes match by method and * pattern, and a later route wins over an earlier one")
    void routesMatchByMethodAndPattern(Simulation sim, SimNetwork network) {
        HttpClient client = network.client();
        network.on("GET", "/ads/*").respond(Reply.ok("an ad"));
        network.on("GET", "/ads/special").respond(Reply.ok("the special ad"));

        var ad = client.sendAsync(get("/ads/42"), BodyHandlers.ofString());
        var special = client.sendAsync(get("/ads/special"), BodyHandlers.ofString());
        var posted = client.sendAsync(HttpRequest.newBuilder(URI.create("https://api.example.com/ads/42"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), BodyHandlers.ofString());
        sim.runUntilIdle();

        assertThat(ad.join().body()).isEqualTo("an ad");
        assertThat(special.join().body()).isEqualTo("the special ad");
        assertThat(posted.join().statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("an HTTP 500 is a response with its status and body, not an exception")
    void serverErrorIsAResponse(Simulation sim, SimNetwork network) {
        network.on("GET", "/broken").respond(Reply.status(500).body("oops").after(Duration.ofSeconds(1)));

        var response = network.client().sendAsync(get("/broken"), BodyHandlers.ofString());
        sim.runUntilIdle();

        assertThat(response).isCompletedWithValueMatching(r -> r.statusCode() == 500 && r.body().equals("oops"));
        assertThat(network.exchanges()).singleElement().matches(Exchange::isCompleted);
    }

    @Test
    @DisplayName("a connection reset fails the request with an IOException, and the server records it FAILED")
    void connectionResetIsAnIOException(Simulation sim, SimNetwork network) {
        network.on("GET", "/reset").respond(Reply.connectionReset().after(Duration.ofSeconds(1)));

        var response = network.client().sendAsync(get("/reset"), BodyHandlers.ofString());
        sim.runUntilIdle();

        assertThatThrownBy(response::get).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IOException.class).hasMessage("Connection reset");
        assertThat(network.exchanges()).singleElement().satisfies(e -> {
            assertThat(e.state()).isEqualTo(Exchange.State.FAILED);
            assertThat(e.endedAt()).contains(Duration.ofSeconds(1));
        });
    }

    @Test
    @DisplayName("a refused connection fails the request with a ConnectException")
    void connectionRefusedIsAConnectException(Simulation sim, SimNetwork network) {
        network.on("GET", "/refused").respond(Reply.connectionRefused());

        var response = network.client().sendAsync(get("/refused"), BodyHandlers.ofString());
        sim.runUntilIdle();

        assertThatThrownBy(response::get).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(ConnectException.class);
    }

    @Test
    @DisplayName("a body cut short fails the request with an IOException after the bytes that did arrive, and the exchange FAILED")
    void cutShortBodyIsAnIOException(Simulation sim, SimNetwork network) {
        network.on("GET", "/file").respond(Reply.status(200).body(new byte[100]).cutShortAfter(40).inChunks(4, Duration.ofMillis(10)));

        var response = network.client().sendAsync(get("/file"), BodyHandlers.ofByteArray());
        sim.runUntilIdle();

        assertThatThrownBy(response::get).isInstanceOf(ExecutionException.class).cause().isInstanceOf(IOException.class)
                .hasMessageContaining("40 of 100 bytes");
        assertThat(network.exchanges()).singleElement().satisfies(e -> {
            assertThat(e.state()).isEqualTo(Exchange.State.FAILED);
            assertThat(e.bodyBytesDelivered()).isEqualTo(40);
        });
    }

    @Test
    @DisplayName("a body that arrives in chunks is written whole into BodyHandlers.ofFile, and the response waits for the last chunk")
    void chunkedBodyIntoAFile(Simulation sim, SimNetwork network, @TempDir Path dir) throws IOException {
        byte[] content = new byte[1000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 7);
        }
        network.on("GET", "/download").respond(Reply.status(200).body(content).after(Duration.ofSeconds(1))
                .inChunks(7, Duration.ofMillis(500)));
        Path target = dir.resolve("download.bin");

        var response = network.client().sendAsync(get("/download"), BodyHandlers.ofFile(target));
        sim.advanceBy(Duration.ofMillis(4499));
        assertThat(response).isNotDone();
        sim.advanceBy(Duration.ofMillis(1));

        assertThat(response).isCompletedWithValueMatching(r -> r.body().equals(target));
        assertThat(Files.readAllBytes(target)).isEqualTo(content);
        assertThat(network.exchanges()).singleElement().matches(Exchange::isCompleted);
    }

    @Test
    @DisplayName("ofInputStream on a body that arrives over time fails with a clear UnsupportedOperationException")
    void streamingAChunkedBodyIsRefused(Simulation sim, SimNetwork network) {
        network.on("GET", "/stream").respond(Reply.ok("a long story").inChunks(3, Duration.ofMillis(100)));

        var response = network.client().sendAsync(get("/stream"), BodyHandlers.ofInputStream());
        sim.runUntilIdle();

        assertThatThrownBy(response::get).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("BodyHandlers.ofString");
    }

    @Test
    @DisplayName("ofInputStream on a body that arrives at once can be read in a stage of the response")
    void streamingAWholeBodyCanBeReadInAStage(Simulation sim, SimNetwork network) {
        network.on("GET", "/stream").respond(Reply.ok("all at once").after(Duration.ofSeconds(1)));

        CompletableFuture<String> text = network.client().sendAsync(get("/stream"), BodyHandlers.ofInputStream())
                .thenApply(response -> {
                    try (var in = response.body()) {
                        return new String(in.readAllBytes());
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
        sim.runUntilIdle();

        assertThat(text).isCompletedWithValue("all at once");
    }

    @Test
    @DisplayName("the server captures the request's method, path, headers and body")
    void requestIsCaptured(Simulation sim, SimNetwork network) {
        network.on("POST", "/orders").respond(Reply.status(201).json("{\"id\":\"A-1\"}"));
        HttpRequest order = HttpRequest.newBuilder(URI.create("https://api.example.com/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"item\":\"tea\"}")).build();

        var response = network.client().sendAsync(order, BodyHandlers.ofString());
        sim.runUntilIdle();

        assertThat(response.join().statusCode()).isEqualTo(201);
        assertThat(network.exchanges("POST", "/orders")).singleElement().satisfies(e -> {
            assertThat(e.requestBody()).isEqualTo("{\"item\":\"tea\"}");
            assertThat(e.header("Content-Type")).contains("application/json");
            assertThat(e.sentAt()).isZero();
        });
    }

    @Test
    @DisplayName("respondInTurn answers each request with the next reply, and repeats the last one")
    void respondInTurn(Simulation sim, SimNetwork network) {
        network.on("GET", "/flaky").respondInTurn(Reply.status(503), Reply.status(502), Reply.ok("finally"));
        HttpClient client = network.client();

        var statuses = new java.util.ArrayList<Integer>();
        for (int i = 0; i < 4; i++) {
            var response = client.sendAsync(get("/flaky"), BodyHandlers.ofString());
            sim.runUntilIdle();
            statuses.add(response.join().statusCode());
        }

        assertThat(statuses).containsExactly(503, 502, 200, 200);
    }
}
