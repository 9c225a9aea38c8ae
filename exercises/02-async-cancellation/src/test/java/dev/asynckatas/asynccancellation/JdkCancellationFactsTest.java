package dev.asynckatas.asynccancellation;

import static dev.asynckatas.asynccancellation.RealGallery.PATIENCE;
import static dev.asynckatas.asynccancellation.RealGallery.assertServerSawTheAbort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.asynckatas.kit.assertions.FutureOutcome;
import dev.asynckatas.kit.real.SlowBodyServer;
import dev.asynckatas.kit.real.SlowBodyServer.Outcome;
import dev.asynckatas.kit.real.SlowBodyServer.Served;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Java cancel operations of the lesson's table, each checked on real sockets: which ones stop the request
 * and which only complete a future. These do not test your code: they show what the JDK does, on the JDK that
 * runs them. A request that runs on is shown by the JDK's own future for it completing with the whole body;
 * an abort, by the server seeing the client go away.
 */
class JdkCancellationFactsTest {

    private SlowBodyServer server;
    private HttpClient http;
    private ExecutorService threads;

    @BeforeEach
    void start() throws IOException {
        server = SlowBodyServer.start(16, 16 * 1024);
        // HTTP/1.1: the fixture speaks nothing else, and an abort must close the connection it watches.
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        threads = Executors.newVirtualThreadPerTaskExecutor();
    }

    @AfterEach
    void stop() {
        server.close();
        threads.shutdownNow();
        http.shutdownNow();
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(server.uri(path)).GET().build();
    }

    private CompletableFuture<HttpResponse<byte[]>> sendAsync(String path) {
        return http.sendAsync(get(path), BodyHandlers.ofByteArray());
    }

    /** The exchange ran to the end: the JDK's own future for it got the whole body, and the server sent it all. */
    private void assertRanToTheEnd(CompletableFuture<HttpResponse<byte[]>> exchange, Served served) throws Exception {
        served.releaseAll();
        assertThat(exchange.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).body()).as("the body the JDK client received")
                .hasSize(server.bodyBytes());
        await().pollDelay(Duration.ZERO).atMost(PATIENCE).until(served::isOver);
        assertThat(served.outcome()).isEqualTo(Outcome.SENT_EVERYTHING);
    }

    @Test
    @DisplayName("JDK fact: sendAsync(...).cancel(true) aborts the exchange (since JDK 16)")
    void sendAsyncCancelTrueAborts() throws Exception {
        CompletableFuture<HttpResponse<byte[]>> response = sendAsync("/a");
        Served served = server.awaitRequest("/a", PATIENCE);

        response.cancel(true);

        assertServerSawTheAbort(served, "sendAsync(...).cancel(true)");
        assertThat(FutureOutcome.of(response).isCancelled()).as("the response future: " + FutureOutcome.of(response)).isTrue();
    }

    @Test
    @DisplayName("JDK fact: cancel(true) on a stage derived from sendAsync (thenApply) aborts the exchange too")
    void derivedStageCancelTrueAborts() throws Exception {
        CompletableFuture<Integer> size = sendAsync("/a").thenApply(response -> response.body().length);
        Served served = server.awaitRequest("/a", PATIENCE);

        size.cancel(true);

        assertServerSawTheAbort(served, "sendAsync(...).thenApply(...).cancel(true)");
    }

    @Test
    @DisplayName("JDK fact: cancel(false) aborts nothing: the exchange runs to the end")
    void cancelFalseAbortsNothing() throws Exception {
        CompletableFuture<HttpResponse<byte[]>> exchange = sendAsync("/a");
        CompletableFuture<Integer> size = exchange.thenApply(response -> response.body().length);
        Served served = server.awaitRequest("/a", PATIENCE);

        assertThat(size.cancel(false)).as("cancel(false) says it cancelled").isTrue();

        assertRanToTheEnd(exchange, served);
    }

    @Test
    @DisplayName("JDK fact: orTimeout fails the future with a TimeoutException and leaves the exchange running")
    void orTimeoutLeavesTheExchangeRunning() throws Exception {
        CompletableFuture<HttpResponse<byte[]>> exchange = sendAsync("/a");
        CompletableFuture<HttpResponse<byte[]>> timed = exchange.thenApply(response -> response).orTimeout(1, TimeUnit.MILLISECONDS);
        Served served = server.awaitRequest("/a", PATIENCE);

        await().pollDelay(Duration.ZERO).atMost(PATIENCE).until(timed::isDone);
        FutureOutcome timedOut = FutureOutcome.of(timed);
        assertThat(timedOut.isFailed()).as("the timed future: " + timedOut).isTrue();
        assertThat(((FutureOutcome.Failed) timedOut).error()).isInstanceOf(TimeoutException.class);

        assertRanToTheEnd(exchange, served);
    }

    @Test
    @DisplayName("JDK fact: CompletableFuture.allOf(a, b).cancel(true) cancels neither a nor b: both exchanges run to the end")
    void allOfCancelsNoneOfItsMembers() throws Exception {
        CompletableFuture<HttpResponse<byte[]>> a = sendAsync("/a");
        CompletableFuture<HttpResponse<byte[]>> b = sendAsync("/b");
        CompletableFuture<Void> both = CompletableFuture.allOf(a, b);
        Served servedA = server.awaitRequest("/a", PATIENCE);
        Served servedB = server.awaitRequest("/b", PATIENCE);

        assertThat(both.cancel(true)).as("allOf(...).cancel(true) says it cancelled").isTrue();

        assertRanToTheEnd(a, servedA);
        assertRanToTheEnd(b, servedB);
    }

    @Test
    @DisplayName("JDK fact: supplyAsync(() -> http.send(...), executor).cancel(true) interrupts nothing: the blocking send runs to the end")
    void supplyAsyncCancelLeavesTheBlockingCallRunning() throws Exception {
        CompletableFuture<Boolean> interruptedAfterSend = new CompletableFuture<>();
        CompletableFuture<HttpResponse<byte[]>> sent = new CompletableFuture<>();
        CompletableFuture<HttpResponse<byte[]>> wrapper = CompletableFuture.supplyAsync(() -> {
            try {
                HttpResponse<byte[]> response = http.send(get("/a"), BodyHandlers.ofByteArray());
                sent.complete(response);
                interruptedAfterSend.complete(Thread.currentThread().isInterrupted());
                return response;
            } catch (IOException | InterruptedException failed) {
                sent.completeExceptionally(failed);
                interruptedAfterSend.complete(Thread.currentThread().isInterrupted());
                return null;
            }
        }, threads);
        Served served = server.awaitRequest("/a", PATIENCE);

        assertThat(wrapper.cancel(true)).as("cancel(true) says it cancelled").isTrue();

        assertRanToTheEnd(sent, served);
        assertThat(interruptedAfterSend.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the thread in send() was interrupted").isFalse();
    }

    @Test
    @DisplayName("JDK fact: a hand-made future completed from the callback is unconnected: cancelling it leaves the exchange running")
    void anUnconnectedWrapperStopsNothing() throws Exception {
        CompletableFuture<HttpResponse<byte[]>> exchange = sendAsync("/a");
        CompletableFuture<HttpResponse<byte[]>> continuation = new CompletableFuture<>();
        exchange.whenComplete((response, failure) -> {
            if (failure == null) {
                continuation.complete(response);
            } else {
                continuation.completeExceptionally(failure);
            }
        });
        Served served = server.awaitRequest("/a", PATIENCE);

        continuation.cancel(true);

        assertRanToTheEnd(exchange, served);
    }

    @Test
    @DisplayName("JDK fact: interrupting a thread blocked in send() aborts the exchange, and send throws InterruptedException (since JDK 16)")
    void interruptingSendAborts() throws Exception {
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        Future<?> caller = threads.submit(() -> {
            try {
                http.send(get("/a"), BodyHandlers.ofByteArray());
                thrown.complete(null);
            } catch (IOException | InterruptedException failure) {
                thrown.complete(failure);
            }
        });
        Served served = server.awaitRequest("/a", PATIENCE);

        caller.cancel(true); // an ExecutorService's future interrupts its thread (a CompletableFuture's never does)

        assertServerSawTheAbort(served, "interrupting the thread blocked in send()");
        assertThat(thrown.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
    }

    @Test
    @DisplayName("JDK fact: a swallowed InterruptedException loses the cancel: the JDK aborts the first exchange, the retry loop sends it again")
    void aSwallowedInterruptLosesTheCancel() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        CompletableFuture<HttpResponse<byte[]>> finallyGot = new CompletableFuture<>();
        Future<?> caller = threads.submit(() -> {
            while (true) {
                try {
                    attempts.incrementAndGet();
                    finallyGot.complete(http.send(get("/a"), BodyHandlers.ofByteArray()));
                    return;
                } catch (InterruptedException swallowed) {
                    // "cannot happen": try again. The interrupt status is now clear: nobody can stop this loop.
                } catch (IOException failed) {
                    finallyGot.completeExceptionally(failed);
                    return;
                }
            }
        });
        Served first = server.awaitRequest("/a", PATIENCE);

        caller.cancel(true);

        assertServerSawTheAbort(first, "the first attempt, interrupted");
        Served second = server.awaitRequest("/a", PATIENCE);
        assertRanToTheEnd(finallyGot, second);
        assertThat(attempts.get()).as("requests the cancelled caller sent").isEqualTo(2);
    }

    @Test
    @DisplayName("JDK fact: a GET whose connection closes before any response is sent again, silently: one call, two requests on the server")
    void anIdempotentGetIsSentAgainAfterAnEmptyResponse() throws Exception {
        ExecutorService serving = Executors.newVirtualThreadPerTaskExecutor();
        AtomicInteger requests = new AtomicInteger();
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            serving.execute(() -> closeTheFirstConnectionThenAnswer(listener, requests));
            HttpRequest get = HttpRequest.newBuilder(java.net.URI.create("http://" + listener.getInetAddress().getHostAddress() + ":"
                    + listener.getLocalPort() + "/images/1.jpg")).GET().build();

            HttpResponse<String> response = http.sendAsync(get, BodyHandlers.ofString()).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

            assertThat(response.statusCode()).as("what the one call got").isEqualTo(200);
            assertThat(requests.get()).as("requests the server read for that one call").isEqualTo(2);
        } finally {
            serving.shutdownNow();
        }
    }

    /** A server that reads the first request and closes its connection without a byte, then answers the next ones. */
    private static void closeTheFirstConnectionThenAnswer(ServerSocket listener, AtomicInteger requests) {
        try {
            while (true) {
                try (Socket connection = listener.accept()) {
                    readRequestHead(connection.getInputStream());
                    if (requests.incrementAndGet() > 1) {
                        OutputStream out = connection.getOutputStream();
                        out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                }
            }
        } catch (IOException closed) {
            // the test closed the listener
        }
    }

    private static void readRequestHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the client closed the connection before the end of its request");
            }
            matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
        }
    }
}
