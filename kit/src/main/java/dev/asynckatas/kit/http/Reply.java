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

    private Reply(int status, Map<String, List<String>> headers, byte[] body, Duration latency, int chunks,
                  Duration chunkInterval, int cutShortAfter, IOException failure, boolean never) {
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.latency = latency;
        this.chunks = chunks;
        this.chunkInterval = chunkInterval;
        this.cutShortAfter = cutShortAfter;
        this.failure = failure;
        this.never = never;
    }

    /** A response with this status and an empty body, right away. */
    public static Reply status(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        return new Reply(status, Map.of(), new byte[0], Duration.ZERO, 1, Duration.ZERO, -1, null, false);
    }

    /** 200 with a text body. */
    public static Reply ok(String body) {
        return status(200).body(body);
    }

    /** No response: the connection fails with {@code failure} (at the reply's latency). */
    public static Reply failure(IOException failure) {
        return new Reply(0, Map.of(), new byte[0], Duration.ZERO, 1, Duration.ZERO, -1, Objects.requireNonNull(failure), false);
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
        return new Reply(0, Map.of(), new byte[0], Duration.ZERO, 1, Duration.ZERO, -1, null, true);
    }

    public Reply header(String name, String value) {
        Map<String, List<String>> copy = new LinkedHashMap<>(headers);
        copy.put(name, List.of(value));
        return new Reply(status, Map.copyOf(copy), body, latency, chunks, chunkInterval, cutShortAfter, failure, never);
    }

    public Reply body(String text) {
        return body(text.getBytes(StandardCharsets.UTF_8));
    }

    public Reply body(byte[] bytes) {
        return new Reply(status, headers, bytes.clone(), latency, chunks, chunkInterval, cutShortAfter, failure, never);
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
        return new Reply(status, headers, body, latency, chunks, chunkInterval, cutShortAfter, failure, never);
    }

    /** The body arrives in {@code count} pieces, one every {@code interval} after the headers. */
    public Reply inChunks(int count, Duration interval) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one chunk");
        }
        return new Reply(status, headers, body, latency, count, interval, cutShortAfter, failure, never);
    }

    /** The connection drops after {@code bytes} bytes of the body: the client sees an {@code IOException}. */
    public Reply cutShortAfter(int bytes) {
        if (bytes < 0 || bytes >= body.length) {
            throw new IllegalArgumentException("cut the body short within its " + body.length + " bytes, not at " + bytes);
        }
        return new Reply(status, headers, body, latency, chunks, chunkInterval, bytes, failure, never);
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

    /** When the whole body has arrived, relative to the request (never: null). */
    public Duration completesAfter() {
        return never ? null : latency.plus(chunkInterval.multipliedBy(chunks > 1 ? chunks : 0));
    }

    @Override
    public String toString() {
        if (never) {
            return "no answer";
        }
        if (failure != null) {
            return failure.getMessage() + " after " + latency;
        }
        return status + " (" + body.length + " bytes) after " + latency + (chunks > 1 ? " in " + chunks + " chunks" : "")
                + (cutShortAfter >= 0 ? ", cut short after " + cutShortAfter + " bytes" : "");
    }
}
