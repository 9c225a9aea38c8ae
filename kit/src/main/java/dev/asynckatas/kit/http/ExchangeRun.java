package dev.asynckatas.kit.http;

import dev.asynckatas.kit.sim.Lane;
import dev.asynckatas.kit.sim.SimFuture;
import dev.asynckatas.kit.sim.Simulation;
import dev.asynckatas.kit.sim.Task;
import dev.asynckatas.kit.timeline.TimelineEvent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.stream.Stream;
import javax.net.ssl.SSLSession;

/**
 * One request's life in the simulated client: sent (or, for an unreachable server, a connection attempt that never
 * completes), headers arrive (or a timeout or failure comes first), the body is fed to the handler's subscriber as
 * demanded (it may stall for ever), the response future completes when the body does. All of it runs on the
 * exchange's own lane.
 *
 * <p>As with the JDK's client, whose {@code sendAsync} returns a stage derived from its exchange, the response
 * future holds a failure wrapped in a {@link CompletionException}: {@code handle} and {@code exceptionally}
 * on it see {@code CompletionException(HttpTimeoutException)}, {@code get()} unwraps it, and a cancelled
 * request is not {@code isCancelled()}.
 */
final class ExchangeRun<T> {

    private final Simulation sim;
    private final SimNetwork network;
    private final HttpRequest request;
    private final HttpResponse.BodyHandler<T> handler;
    /** The client's connect timeout, or null. */
    private final Duration connectTimeout;
    private final Lane lane;
    private final SimFuture<HttpResponse<T>> response;
    private Exchange exchange;
    /** The request timeout's timer, while the headers may still be late. */
    private Task timeoutTimer;
    /** The steps still scheduled on the lane: headers, body pieces, timers. */
    private final List<Task> steps = new ArrayList<>();

    private HttpResponse.BodySubscriber<T> subscriber;
    private final Deque<ByteBuffer> arrived = new ArrayDeque<>();
    private long demand;
    private boolean allArrived;
    private boolean subscriberDone;

    ExchangeRun(Simulation sim, SimNetwork network, HttpRequest request, HttpResponse.BodyHandler<T> handler, Duration connectTimeout) {
        this.sim = sim;
        this.network = network;
        this.request = request;
        this.handler = handler;
        this.connectTimeout = connectTimeout;
        this.lane = sim.newConcurrentLane("http");
        this.response = new SimFuture<>(sim, this::abort, "the response to " + request.method() + " " + request.uri().getPath());
    }

    SimFuture<HttpResponse<T>> start() {
        exchange = network.accept(request);
        Reply reply = exchange.reply();
        String what = request.method() + " " + request.uri().getPath();
        if (reply.isUnreachable()) {
            // No connection ever: as measured on JDK 25, whichever of the connect timeout and the request timeout is
            // shorter ends it, with HttpConnectTimeoutException either way.
            Duration limit = Stream.of(Optional.ofNullable(connectTimeout), request.timeout())
                    .flatMap(Optional::stream).min(Duration::compareTo).orElse(null);
            if (limit != null) {
                timeoutTimer = later(limit, what + ": connect timeout " + limit, this::connectTimeout);
            }
            return response;
        }
        if (!reply.isNever()) {
            later(reply.latency(), reply.failure() != null ? what + ": connection fails" : what + ": response " + reply.status(),
                    () -> headersArrive(reply));
        }
        // Scheduled after the headers: when both are due at the same instant, the headers are in time.
        timeoutTimer = request.timeout().map(timeout -> later(timeout, what + ": timeout " + timeout, this::timeout)).orElse(null);
        return response;
    }

    private void headersArrive(Reply reply) {
        if (!exchange.isInFlight()) {
            return;
        }
        cancelTimeout(); // the headers are in time: no timeout can fire any more (HttpRequest.timeout covers headers only)
        if (reply.failure() != null) {
            network.ended(exchange, Exchange.State.FAILED, reply.failure().getMessage());
            fail(reply.failure());
            return;
        }
        HttpHeaders headers = HttpHeaders.of(reply.headers(), (name, value) -> true);
        HttpResponse.ResponseInfo info = new Info(reply.status(), headers, HttpClient.Version.HTTP_1_1);
        try {
            subscriber = handler.apply(info);
        } catch (RuntimeException thrown) {
            network.ended(exchange, Exchange.State.ABORTED, "the body handler threw " + thrown);
            fail(thrown);
            return;
        }
        boolean streaming = subscriber.getBody().toCompletableFuture().isDone();
        if (streaming && (reply.chunks() > 1 || reply.stallsAfter() >= 0)) {
            abortWith(new UnsupportedOperationException("The simulated HttpClient cannot stream a body that arrives over time into "
                    + subscriber.getClass().getSimpleName() + ": reading it would block the test thread. Use BodyHandlers.ofString,"
                    + " ofByteArray, ofFile or discarding, or test this on the real HttpClient."));
            return;
        }
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                if (n <= 0) {
                    abortWith(new IllegalArgumentException("non-positive demand " + n));
                    return;
                }
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
                pump();
            }

            @Override
            public void cancel() {
                subscriberDone = true;
                network.ended(exchange, Exchange.State.ABORTED, "the body subscriber cancelled");
            }
        });
        scheduleBody(reply);
        // Only now: a streaming body (ofInputStream) is ready at once, and a stage of the response that reads it
        // must find the bytes already delivered, or it would block the test thread for ever.
        subscriber.getBody().whenComplete((body, failure) -> {
            if (failure != null) {
                fail(failure);
            } else {
                response.complete(new Response<>(reply.status(), request, headers, body));
            }
        });
    }

    private void scheduleBody(Reply reply) {
        byte[] body = reply.body();
        boolean cutShort = reply.cutShortAfter() >= 0;
        boolean stalls = reply.stallsAfter() >= 0;
        int end = cutShort ? reply.cutShortAfter() : stalls ? reply.stallsAfter() : body.length;
        int chunks = reply.chunks();
        if (chunks == 1) {
            bodyArrives(Arrays.copyOfRange(body, 0, end), true, cutShort, stalls);
            return;
        }
        int size = (body.length + chunks - 1) / chunks;
        for (int k = 1; k <= chunks; k++) {
            int from = Math.min(end, (k - 1) * size);
            int to = Math.min(end, k * size);
            boolean last = k == chunks || to >= end;
            byte[] piece = Arrays.copyOfRange(body, from, to);
            later(reply.chunkInterval().multipliedBy(k), "body bytes " + from + ".." + to,
                    () -> bodyArrives(piece, last, cutShort, stalls));
            if (last) {
                break;
            }
        }
    }

    /**
     * A piece of the body reaches the client; after the last one the body completes, the connection drops, or the
     * body stalls (nothing more ever comes, and the connection stays open).
     */
    private void bodyArrives(byte[] piece, boolean last, boolean cutShort, boolean stalls) {
        if (!exchange.isInFlight() || subscriberDone) {
            return;
        }
        if (piece.length > 0) {
            arrived.add(ByteBuffer.wrap(piece));
        }
        allArrived = last && !cutShort && !stalls;
        pump();
        if (last && cutShort) {
            failBody(new IOException("connection closed before the whole body arrived (" + exchange.bodyBytesDelivered()
                    + " of " + exchange.reply().body().length + " bytes)"));
        }
        if (last && stalls) {
            sim.timeline().note(TimelineEvent.NETWORK, "#" + exchange.id() + " the body stalls after "
                    + exchange.bodyBytesDelivered() + " of " + exchange.reply().body().length + " bytes: nothing more comes");
        }
    }

    private void pump() {
        while (!subscriberDone && demand > 0 && !arrived.isEmpty()) {
            ByteBuffer next = arrived.removeFirst();
            demand--;
            exchange.delivered(next.remaining());
            subscriber.onNext(List.of(next));
        }
        if (!subscriberDone && allArrived && arrived.isEmpty()) {
            subscriberDone = true;
            network.ended(exchange, Exchange.State.COMPLETED, exchange.reply().status() + ", " + exchange.bodyBytesDelivered() + " bytes");
            subscriber.onComplete();
            if (!subscriber.getBody().toCompletableFuture().isDone()) {
                fail(new UnsupportedOperationException("The simulated HttpClient cannot use "
                        + subscriber.getClass().getSimpleName() + ": its body completes on a thread outside the simulation"
                        + " (BodyHandlers.fromSubscriber does). Use ofString, ofByteArray, ofFile or discarding."));
            }
        }
    }

    private void failBody(IOException failure) {
        if (subscriberDone) {
            return;
        }
        subscriberDone = true;
        network.ended(exchange, Exchange.State.FAILED, failure.getMessage());
        subscriber.onError(failure);
        if (!subscriber.getBody().toCompletableFuture().isDone()) {
            fail(failure); // a subscriber that ignores onError; the others fail their body, and so the response
        }
    }

    /** Schedules a step of this exchange on its lane, remembered so that an exchange that ends early can drop the rest. */
    private Task later(Duration delay, String label, Runnable step) {
        Task task = lane.schedule(delay, label, step);
        steps.add(task);
        return task;
    }

    /** The exchange ended early (a timeout, an abort): what the server would still have sent never reaches the client. */
    private void dropLaterSteps() {
        steps.forEach(lane::cancel);
        steps.clear();
        timeoutTimer = null;
    }

    private void cancelTimeout() {
        if (timeoutTimer != null) {
            lane.cancel(timeoutTimer);
            timeoutTimer = null;
        }
    }

    private void timeout() {
        if (!exchange.isInFlight() || subscriber != null) {
            return;
        }
        // As the JDK's client does, it closes the connection: the server sees the client go away.
        network.ended(exchange, Exchange.State.TIMED_OUT, "no response headers within " + request.timeout().orElseThrow());
        dropLaterSteps();
        fail(new HttpTimeoutException("request timed out"));
    }

    /** No connection within the connect timeout (or the request timeout, when that is shorter): as the JDK says it. */
    private void connectTimeout() {
        if (!exchange.isInFlight()) {
            return;
        }
        network.ended(exchange, Exchange.State.TIMED_OUT, "no connection within " + timeoutTimer.due().minus(exchange.sentAt()));
        dropLaterSteps();
        HttpConnectTimeoutException timedOut = new HttpConnectTimeoutException("HTTP connect timed out");
        timedOut.initCause(new java.net.ConnectException("HTTP connect timed out"));
        fail(timedOut);
    }

    /** {@code cancel(true)}: the client closes the connection. Returns whether the exchange was still running. */
    boolean abort() {
        if (exchange == null || !exchange.isInFlight() || response.isDone()) {
            return false;
        }
        dropLaterSteps();
        IOException cause = new IOException("Request cancelled");
        network.ended(exchange, Exchange.State.ABORTED, "the client cancelled");
        CancellationException cancelled = new CancellationException("Request cancelled");
        cancelled.initCause(cause);
        // The cancellation first: the subscriber's failed body must not complete the response with the IOException.
        // On JDK 25 isCancelled() after cancel(true) is a race between the abort completing the future and cancel
        // itself (measured: false in most runs, true in 1 to 5 of 20, before the headers and mid-body alike). The
        // simulation takes one side per phase: false before the headers, true while the body arrives.
        if (subscriber == null) {
            fail(cancelled);
        } else {
            response.completeExceptionally(cancelled);
        }
        if (subscriber != null && !subscriberDone) {
            subscriberDone = true;
            subscriber.onError(cause);
        }
        return true;
    }

    private void abortWith(RuntimeException failure) {
        subscriberDone = true;
        network.ended(exchange, Exchange.State.ABORTED, failure.getMessage());
        fail(failure);
    }

    private void fail(Throwable failure) {
        response.completeExceptionally(failure instanceof CompletionException ? failure : new CompletionException(failure));
    }

    private record Info(int statusCode, HttpHeaders headers, HttpClient.Version version) implements HttpResponse.ResponseInfo {
    }

    private record Response<T>(int statusCode, HttpRequest request, HttpHeaders headers, T body) implements HttpResponse<T> {
        @Override
        public Optional<HttpResponse<T>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return request.uri();
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }

        @Override
        public String toString() {
            return "(" + request.method() + " " + request.uri() + ") " + statusCode;
        }
    }
}
