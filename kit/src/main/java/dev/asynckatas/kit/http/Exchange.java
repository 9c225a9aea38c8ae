package dev.asynckatas.kit.http;

import dev.asynckatas.kit.timeline.Redaction;
import dev.asynckatas.kit.timeline.SwimLanes;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Optional;

/**
 * One request as the simulated server saw it: when it came, what it carried, and how it ended.
 */
public final class Exchange {

    /** How the exchange ended, from the server's side. */
    public enum State {
        /** The request is in flight: sent, not yet fully answered. */
        IN_FLIGHT,
        /** The whole response was delivered. */
        COMPLETED,
        /** The client closed the connection before the response was complete (a cancel). */
        ABORTED,
        /**
         * The client gave up because the response headers were late ({@code HttpRequest.timeout}), or the connection
         * never completed (a connect timeout); either way it closed the connection.
         */
        TIMED_OUT,
        /** The connection failed: reset, refused, or cut short mid-body. */
        FAILED
    }

    private final int id;
    private final HttpRequest request;
    private final String requestBody;
    private final Duration sentAt;
    private final Reply reply;
    private State state = State.IN_FLIGHT;
    private Duration endedAt;
    private int bodyBytesDelivered;

    Exchange(int id, HttpRequest request, String requestBody, Duration sentAt, Reply reply) {
        this.id = id;
        this.request = request;
        this.requestBody = requestBody;
        this.sentAt = sentAt;
        this.reply = reply;
    }

    public int id() {
        return id;
    }

    public String method() {
        return request.method();
    }

    public URI uri() {
        return request.uri();
    }

    public String path() {
        return request.uri().getPath();
    }

    public HttpHeaders headers() {
        return request.headers();
    }

    /** A request header's value, as the server saw it. Secret values are for assertions, never for printing. */
    public Optional<String> header(String name) {
        return request.headers().firstValue(name);
    }

    /** The request body as UTF-8 text (empty for none). */
    public String requestBody() {
        return requestBody;
    }

    public Duration sentAt() {
        return sentAt;
    }

    /** What the server planned to answer. */
    public Reply reply() {
        return reply;
    }

    public State state() {
        return state;
    }

    /** When the exchange ended, if it has. */
    public Optional<Duration> endedAt() {
        return Optional.ofNullable(endedAt);
    }

    public boolean isInFlight() {
        return state == State.IN_FLIGHT;
    }

    public boolean wasAborted() {
        return state == State.ABORTED;
    }

    public boolean isCompleted() {
        return state == State.COMPLETED;
    }

    /** Whether the request reached the server: false when the connection attempt was never answered. */
    public boolean reachedServer() {
        return !reply.isUnreachable();
    }

    /** How many body bytes reached the client. */
    public int bodyBytesDelivered() {
        return bodyBytesDelivered;
    }

    HttpRequest request() {
        return request;
    }

    void delivered(int bytes) {
        bodyBytesDelivered += bytes;
    }

    void end(State how, Duration at) {
        if (state == State.IN_FLIGHT) {
            state = how;
            endedAt = at;
        }
    }

    /** Method, path, number and state, with secrets redacted: safe to print. */
    @Override
    public String toString() {
        return "#" + id + " " + method() + " " + Redaction.redact(uri().toString()) + " sent at " + SwimLanes.format(sentAt)
                + ", " + state + endedAt().map(t -> " at " + SwimLanes.format(t)).orElse("");
    }
}
