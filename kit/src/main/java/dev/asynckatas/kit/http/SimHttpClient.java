package dev.asynckatas.kit.http;

import dev.asynckatas.kit.sim.Simulation;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * A {@link HttpClient} that talks to a {@link SimNetwork} in virtual time, with the JDK client's semantics
 * where kata code can observe them:
 * <ul>
 *   <li>{@code sendAsync} returns a future whose {@code cancel(true)}, or that of any stage derived from it,
 *       aborts the exchange (the server sees the abort); the future then fails with a
 *       {@code CancellationException("Request cancelled")} caused by an {@code IOException}. On JDK 25 whether
 *       {@code isCancelled()} is then true is a race (mostly false: the abort completes the future first); the
 *       simulation says false for a cancel before the response headers, true for one while the body arrives.
 *       {@code cancel(false)} aborts nothing;
 *   <li>a blocking {@code send} is aborted by interrupting its lane, and throws {@code InterruptedException};
 *   <li>{@code HttpRequest.timeout} fails the exchange with {@code HttpTimeoutException} when the response
 *       <em>headers</em> are late, and closes the connection; a slow or stalled body is not covered (as in the JDK
 *       up to 25);
 *   <li>a connection that never completes ({@link Reply#unreachable()}) fails with
 *       {@code HttpConnectTimeoutException} at the client's {@code connectTimeout} or the request's timeout,
 *       whichever is shorter, and waits for ever without either;
 *   <li>HTTP error statuses are responses, not failures; connection failures are {@code IOException}s.
 * </ul>
 * Each exchange delivers on a lane of its own ({@code http#n}), so responses to concurrent requests race.
 *
 * <p>Not modelled: redirects, cookies, authentication, HTTP/2 push, and the JDK's silent retry of an
 * idempotent request after a connection reset.
 */
final class SimHttpClient extends PlainHttpClient {

    private final Simulation sim;
    private final SimNetwork network;
    private final Duration connectTimeout;

    SimHttpClient(Simulation sim, SimNetwork network, Duration connectTimeout) {
        this.sim = sim;
        this.network = network;
        this.connectTimeout = connectTimeout;
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return new ExchangeRun<>(sim, network, request, handler, connectTimeout).start();
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            // As in the JDK: an interrupt set before send() starts nothing.
            Thread.interrupted();
            throw new InterruptedException("interrupted before the request was sent");
        }
        ExchangeRun<T> run = new ExchangeRun<>(sim, network, request, handler, connectTimeout);
        CompletableFuture<HttpResponse<T>> response = run.start();
        try {
            sim.awaitInterruptibly(response::isDone, () -> "the response to " + request.method() + " " + request.uri().getPath());
        } catch (InterruptedException interrupted) {
            run.abort();
            throw interrupted;
        }
        try {
            return response.get();
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause() : failed.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(cause);
        } catch (CancellationException cancelled) {
            throw new IOException("Request cancelled", cancelled);
        }
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return Optional.ofNullable(connectTimeout);
    }

    @Override
    public String toString() {
        return "SimHttpClient on " + sim;
    }
}
