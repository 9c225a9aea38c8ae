package dev.asynckatas.kit.http;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the simulated server answers to one request, and when: immutable, built fluently.
 *
 * <pre>{@code
 * Reply.status(201).json("{\"id\":\"A-1\"}").after(Duration.ofSeconds(3))    // headers and body at 3 s
 * Reply.ok("...").after(ofSeconds(1)).inChunks(4, ofMillis(500))             // body dribbles in after the headers
 * Reply.status(200).body(bytes).cutShortAfter(100)                             // connection drops mid-body
 * Reply.connectionReset().after(ofSeconds(2))                                  // no response at all
 * Reply.never()                                                                // the server never answers
 * Reply.ok("...").after(ofSeconds(1)).stallsAfter(10)                          // headers, 10 bytes, then nothing
 * Reply.unreachable()                                                          // the connection never completes
 * }</pre>
 */
public final class Reply {

    private final int status;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final Duration latency;
    private final int chunks;
    private final Duration chunkInterval;
    private final int cutShortAfter;
    private final IOException failure;
    private final boolean never;
    private final int stallsAfter;
    private final boolean unreachable;

    private Reply(int status, Map<String, List<String>> headers, byte[] body, Duration latency, int chunks,
                  Duration chunkInterval, int cutShortAfter, IOException failure, boolean never, int stallsAfter,
                  boolean unreachable) {
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.latency = latency;
        this.chunks = chunks;
        this.chunkInterval = chunkInterval;
        this.cutShortAfter = cutShortAfter;
        this.failure = failure;
        this.never = never;
        this.stallsAfter = stallsAfter;
        this.unreachable = unreachable;
    }

    /** A response with this status and an empty body, right away. */
    public static Reply status(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        return new Reply(status, Map.of(), new byte[0], Duration.ZERO, 1, Duration.ZERO, -1, null, false, -1, false);
    }

    /** 200 with a text body. */
    public static Reply ok(String body) {
        return status(200).body(body);
    }

    /** No response: the connection fails with {@code failure} (at the reply's latency). */
    public static Reply failure(IOException failure) {
        return new Reply(0, Map.of(), new byte[0], Duration.ZERO, 1, Duration.ZERO, -1, Objects.requireNonNull(failure), false, -1, false);
    }

    /** The server resets the connection before answering. */
    public static Reply connectionReset() {
        return failure(new IOException("Connection reset"));
    }

    /** Nobody listens at that address. */
    public static Reply connectionRefused() {
        return failure(new ConnectException("Connection refused"));
    }

    /** The server accepts the request and never answers. */
    public static Reply never() {
        return new Reply(0, Map.of(), new byte[0], Duration.ZERO, 1, Duration.ZERO, -1, null, true, -1, false);
    }

    /**
     * Nothing answers the connection attempt (a host that drops it, a server whose backlog is full): the request never
     * reaches the server, and the client waits until its connect timeout, its request timeout (both end in an
     * {@code HttpConnectTimeoutException}, as the JDK's do), a cancel, or for ever.
     */
    public static Reply unreachable() {
        return new Reply(0, Map.of(), new byte[0], Duration.ZERO, 1, Duration.ZERO, -1, null, false, -1, true);
    }

    public Reply header(String name, String value) {
        Map<String, List<String>> copy = new LinkedHashMap<>(headers);
        copy.put(name, List.of(value));
        return new Reply(status, Map.copyOf(copy), body, latency, chunks, chunkInterval, cutShortAfter, failure, never, stallsAfter, unreachable);
    }

    public Reply body(String text) {
        return body(text.getBytes(StandardCharsets.UTF_8));
    }

    public Reply body(byte[] bytes) {
        return new Reply(status, headers, bytes.clone(), latency, chunks, chunkInterval, cutShortAfter, failure, never, stallsAfter, unreachable);
    }

    /** A JSON body, with its content type. */
    public Reply json(String json) {
        return header("Content-Type", "application/json").body(json);
    }

    /** The response headers (or the failure) arrive {@code latency} after the request was sent. */
    public Reply after(Duration latency) {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("negative latency " + latency);
        }
        return new Reply(status, headers, body, latency, chunks, chunkInterval, cutShortAfter, failure, never, stallsAfter, unreachable);
    }

    /** The body arrives in {@code count} pieces, one every {@code interval} after the headers. */
    public Reply inChunks(int count, Duration interval) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one chunk");
        }
        return new Reply(status, headers, body, latency, count, interval, cutShortAfter, failure, never, stallsAfter, unreachable);
    }

    /** The connection drops after {@code bytes} bytes of the body: the client sees an {@code IOException}. */
    public Reply cutShortAfter(int bytes) {
        if (bytes < 0 || bytes >= body.length) {
            throw new IllegalArgumentException("cut the body short within its " + body.length + " bytes, not at " + bytes);
        }
        if (stallsAfter >= 0) {
            throw new IllegalArgumentException("a body either stalls or is cut short, not both");
        }
        return new Reply(status, headers, body, latency, chunks, chunkInterval, bytes, failure, never, stallsAfter, unreachable);
    }

    /**
     * The body stops after {@code bytes} bytes and never completes: the connection stays open and nothing more comes
     * (a server stuck mid-response). The headers are on time, so {@code HttpRequest.timeout} does not fire.
     */
    public Reply stallsAfter(int bytes) {
        if (bytes < 0 || bytes > body.length) {
            throw new IllegalArgumentException("stall the body within its " + body.length + " bytes, not at " + bytes);
        }
        if (cutShortAfter >= 0) {
            throw new IllegalArgumentException("a body either stalls or is cut short, not both");
        }
        return new Reply(status, headers, body, latency, chunks, chunkInterval, cutShortAfter, failure, never, bytes, unreachable);
    }

    public int status() {
        return status;
    }

    public Map<String, List<String>> headers() {
        return headers;
    }

    public byte[] body() {
        return body.clone();
    }

    public Duration latency() {
        return latency;
    }

    int chunks() {
        return chunks;
    }

    Duration chunkInterval() {
        return chunkInterval;
    }

    int cutShortAfter() {
        return cutShortAfter;
    }

    IOException failure() {
        return failure;
    }

    boolean isNever() {
        return never;
    }

    /** Bytes after which the body stalls for ever; -1 when it does not. */
    int stallsAfter() {
        return stallsAfter;
    }

    /** Whether the connection attempt is never answered. */
    public boolean isUnreachable() {
        return unreachable;
    }

    /** When the whole body has arrived, relative to the request (never, a stall, unreachable: null). */
    public Duration completesAfter() {
        return never || unreachable || stallsAfter >= 0 ? null : latency.plus(chunkInterval.multipliedBy(chunks > 1 ? chunks : 0));
    }

    @Override
    public String toString() {
        if (never) {
            return "no answer";
        }
        if (unreachable) {
            return "unreachable: the connection attempt gets no answer";
        }
        if (failure != null) {
            return failure.getMessage() + " after " + latency;
        }
        return status + " (" + body.length + " bytes) after " + latency + (chunks > 1 ? " in " + chunks + " chunks" : "")
                + (cutShortAfter >= 0 ? ", cut short after " + cutShortAfter + " bytes" : "")
                + (stallsAfter >= 0 ? ", stalls after " + stallsAfter + " bytes" : "");
    }
}
