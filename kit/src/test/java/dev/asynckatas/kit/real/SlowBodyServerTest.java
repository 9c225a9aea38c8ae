package dev.asynckatas.kit.real;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.asynckatas.kit.real.SlowBodyServer.Outcome;
import dev.asynckatas.kit.real.SlowBodyServer.Served;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The slow-body fixture against the JDK's real HttpClient, pinned to HTTP/1.1: the fixture speaks nothing
 * else, and a test about aborts should not depend on an h2c upgrade.
 */
class SlowBodyServerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private SlowBodyServer server;
    private HttpClient http;

    @BeforeEach
    void start() throws IOException {
        server = SlowBodyServer.start(8, 4 * 1024);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterEach
    void stop() {
        server.close();
        http.close();
    }

    private CompletableFuture<HttpResponse<byte[]>> get(String path) {
        return http.sendAsync(HttpRequest.newBuilder(server.uri(path)).build(), BodyHandlers.ofByteArray());
    }

    @Test
    @DisplayName("holds the body after the first chunk until the test releases it; then the client gets every byte")
    void holdsTheBodyUntilReleased() throws Exception {
        CompletableFuture<HttpResponse<byte[]>> response = get("/big");

        Served served = server.awaitRequest("/big", PATIENCE);
        assertThat(served.outcome()).isEqualTo(Outcome.IN_PROGRESS);
        assertThat(served.bodyBytesSent()).as("bytes sent before the release").isEqualTo(4 * 1024);
        assertThat(response).as("the client's response while the body is held").isNotDone();

        served.releaseAll();

        HttpResponse<byte[]> received = response.get(PATIENCE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        assertThat(received.statusCode()).isEqualTo(200);
        assertThat(received.body()).hasSize(server.bodyBytes());
        for (int i = 0; i < received.body().length; i++) {
            if (received.body()[i] != SlowBodyServer.bodyByte(i)) {
                throw new AssertionError("body byte " + i + " differs");
            }
        }
        await().pollDelay(Duration.ZERO).atMost(PATIENCE).until(served::isOver);
        assertThat(served.outcome()).isEqualTo(Outcome.SENT_EVERYTHING);
        assertThat(served.toString()).contains("sent everything");
    }

    @Test
    @DisplayName("releases chunk by chunk")
    void releasesChunkByChunk() throws Exception {
        get("/big");
        Served served = server.awaitRequest("/big", PATIENCE);

        served.release(2);

        await().pollDelay(Duration.ZERO).atMost(PATIENCE).until(() -> served.bodyBytesSent() == 3 * 4 * 1024);
        assertThat(served.outcome()).isEqualTo(Outcome.IN_PROGRESS);
    }

    @Test
    @DisplayName("notices a client that cancels mid-body at once, without writing another byte")
    void noticesAClientThatGoesAway() throws Exception {
        CompletableFuture<HttpResponse<byte[]>> response = get("/big");
        Served served = server.awaitRequest("/big", PATIENCE);

        response.cancel(true); // since JDK 16 this aborts the exchange: the client closes the connection

        await().pollDelay(Duration.ZERO).atMost(PATIENCE).until(served::isOver);
        assertThat(served.outcome()).isEqualTo(Outcome.ABORTED);
        assertThat(served.bodyBytesSent()).as("body bytes sent before the abort").isEqualTo(4 * 1024);
        assertThat(served.toString()).contains("aborted by the client after 4096 of 32768 body bytes");
    }

    @Test
    @DisplayName("serves one request after another on the same connection")
    void servesRequestsOneAfterAnother() throws Exception {
        for (String path : new String[] {"/one", "/two", "/three"}) {
            CompletableFuture<HttpResponse<byte[]>> response = get(path);
            server.awaitRequest(path, PATIENCE).releaseAll();
            assertThat(response.get(PATIENCE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).body()).hasSize(server.bodyBytes());
        }
        assertThat(server.served()).extracting(Served::path).containsExactly("/one", "/two", "/three");
        await().pollDelay(Duration.ZERO).atMost(PATIENCE)
                .until(() -> server.served().stream().allMatch(s -> s.outcome() == Outcome.SENT_EVERYTHING));
    }

    @Test
    @DisplayName("says what it saw when the awaited request never comes")
    void awaitRequestIsBounded() {
        assertThatThrownBy(() -> server.awaitRequest("/never", Duration.ofMillis(1)))
                .isInstanceOf(TimeoutException.class)
                .hasMessageContaining("no request to /never");
    }

    @Test
    @DisplayName("close() frees a response that waits for its next chunk, and the client sees the connection end")
    void closeFreesWaitingResponses() throws Exception {
        CompletableFuture<HttpResponse<byte[]>> response = get("/held");
        Served served = server.awaitRequest("/held", PATIENCE);

        server.close();

        await().pollDelay(Duration.ZERO).atMost(PATIENCE).until(response::isDone);
        assertThat(response).isCompletedExceptionally();
        assertThat(served.outcome()).as("an exchange the server itself cut off is no client abort").isNotEqualTo(Outcome.ABORTED);
    }

    @Test
    @DisplayName("refuses a body too small to dribble")
    void refusesATinyBody() {
        assertThatThrownBy(() -> SlowBodyServer.start(1, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("holding the headers: nothing goes out until the first release, which sends the headers with the first chunk")
    void holdsTheHeadersUntilReleased() throws Exception {
        try (SlowBodyServer holding = SlowBodyServer.startHoldingHeaders(4, 1024)) {
            CompletableFuture<HttpResponse<java.io.InputStream>> headers = http.sendAsync(
                    HttpRequest.newBuilder(holding.uri("/late")).build(), BodyHandlers.ofInputStream());

            Served served = holding.awaitRequest("/late", PATIENCE);
            assertThat(served.bodyBytesSent()).as("bytes sent before the first release").isZero();
            assertThat(headers).as("the client's response before the headers are released").isNotDone();

            served.release(1);
            HttpResponse<java.io.InputStream> response = headers.get(PATIENCE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            served.releaseAll();
            try (java.io.InputStream body = response.body()) {
                assertThat(body.readAllBytes()).hasSize(holding.bodyBytes());
            }
            await().pollDelay(Duration.ZERO).atMost(PATIENCE).until(served::isOver);
            assertThat(served.outcome()).isEqualTo(Outcome.SENT_EVERYTHING);
        }
    }

    @Test
    @DisplayName("holding the headers: a client that gives up before them (its request timeout) is seen going away, after 0 bytes")
    void noticesAClientThatGivesUpBeforeTheHeaders() throws Exception {
        try (SlowBodyServer holding = SlowBodyServer.startHoldingHeaders(4, 1024)) {
            // One whole exchange first: the timed request then reuses the open connection, so its timeout can only fire
            // for want of headers (a cold first connection may take longer than 100 ms, and be a connect timeout).
            CompletableFuture<HttpResponse<byte[]>> warmUp = http.sendAsync(HttpRequest.newBuilder(holding.uri("/warm-up")).build(),
                    BodyHandlers.ofByteArray());
            holding.awaitRequest("/warm-up", PATIENCE).releaseAll();
            warmUp.get(PATIENCE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            CompletableFuture<HttpResponse<byte[]>> response = http.sendAsync(
                    HttpRequest.newBuilder(holding.uri("/late")).timeout(Duration.ofMillis(100)).build(), BodyHandlers.ofByteArray());
            Served served = holding.awaitRequest("/late", PATIENCE);

            await().pollDelay(Duration.ZERO).atMost(PATIENCE).until(served::isOver);

            assertThat(served.outcome()).isEqualTo(Outcome.ABORTED);
            assertThat(served.bodyBytesSent()).isZero();
            assertThat(response).isCompletedExceptionally();
        }
    }
}
