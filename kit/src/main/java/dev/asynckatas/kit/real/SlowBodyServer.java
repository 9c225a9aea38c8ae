package dev.asynckatas.kit.real;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A tiny HTTP/1.1 server on the loopback interface, for integration tests about cancelling: each response
 * is a large body that dribbles out under the test's control, and the server notices when the client goes
 * away in the middle of it.
 *
 * <p>Every request (any method, any path) gets {@code 200} with a body of {@code chunks * chunkBytes} bytes.
 * The headers and the first chunk go out at once; each further chunk only when the test lets it
 * ({@link Served#release(int)}, {@link Served#releaseAll()}). Meanwhile the server reads the connection: a
 * client that cancels closes it, the read ends, and the exchange is recorded as {@link Outcome#ABORTED}
 * after so many bytes, at once, without the server having to write anything. (WireMock cannot observe a
 * client that aborts mid-response, and the JDK's {@code com.sun.net.httpserver} only notices it when a later
 * write fails, which depends on how much the socket buffers swallow first.)
 *
 * <p>A server started with {@link #startHoldingHeaders} holds the headers too: nothing goes out until the test
 * releases the first chunk, which then leaves with the headers. That is a server whose answer is late (for
 * {@code HttpRequest.timeout}, which covers the headers only), and the read still notices a client that gives up.
 *
 * <p>Nothing sleeps and nothing is timed: the test decides when bytes flow, and every wait is bounded by
 * the caller. {@link #close()} frees every waiting response.
 *
 * <pre>{@code
 * try (SlowBodyServer server = SlowBodyServer.start(64, 16 * 1024)) {
 *     var response = http.sendAsync(HttpRequest.newBuilder(server.uri("/big")).build(), ofByteArray());
 *     Served served = server.awaitRequest("/big", Duration.ofSeconds(10));   // headers and first chunk are out
 *     response.cancel(true);
 *     await().until(() -> served.outcome() == Outcome.ABORTED);
 * }
 * }</pre>
 *
 * Speaks plain HTTP/1.1 only: pin {@code HttpClient.Version.HTTP_1_1} on the client (an h2c upgrade request
 * is answered in HTTP/1.1, which the JDK client accepts, but pinning says what the test means).
 */
public final class SlowBodyServer implements AutoCloseable {

    /** How an exchange ended, as the server saw it. */
    public enum Outcome {
        /** The body is still going out (or waiting for the test to release it). */
        IN_PROGRESS,
        /** Every byte of the body was written. */
        SENT_EVERYTHING,
        /** The client closed the connection before the body was complete. */
        ABORTED
    }

    private static final int MAX_HEADER_BYTES = 16 * 1024;

    private final ServerSocket listener;
    private final int chunks;
    private final int chunkBytes;
    private final boolean holdHeaders;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Served> served = new CopyOnWriteArrayList<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final Map<String, BlockingQueue<Served>> inFlight = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private SlowBodyServer(ServerSocket listener, int chunks, int chunkBytes, boolean holdHeaders) {
        this.listener = listener;
        this.chunks = chunks;
        this.chunkBytes = chunkBytes;
        this.holdHeaders = holdHeaders;
    }

    /**
     * Starts a server on a free loopback port whose responses are {@code chunks} chunks of {@code chunkBytes}
     * bytes each.
     */
    public static SlowBodyServer start(int chunks, int chunkBytes) throws IOException {
        return start(chunks, chunkBytes, false);
    }

    /**
     * As {@link #start}, but the headers wait too: each response sends nothing until the test releases its first
     * chunk ({@link Served#release(int)}), which goes out with the headers; {@link #awaitRequest} returns as soon as
     * the request has arrived.
     */
    public static SlowBodyServer startHoldingHeaders(int chunks, int chunkBytes) throws IOException {
        return start(chunks, chunkBytes, true);
    }

    private static SlowBodyServer start(int chunks, int chunkBytes, boolean holdHeaders) throws IOException {
        if (chunks < 2 || chunkBytes < 1) {
            throw new IllegalArgumentException("a slow body needs at least 2 chunks of at least 1 byte, not " + chunks
                    + " x " + chunkBytes);
        }
        ServerSocket listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        SlowBodyServer server = new SlowBodyServer(listener, chunks, chunkBytes, holdHeaders);
        server.threads.execute(server::acceptLoop);
        return server;
    }

    /** The address of {@code path} on this server ({@code /images/1.jpg}). */
    public URI uri(String path) {
        return URI.create("http://" + listener.getInetAddress().getHostAddress() + ":" + listener.getLocalPort() + path);
    }

    /** Body size of every response. */
    public int bodyBytes() {
        return chunks * chunkBytes;
    }

    /** The byte at {@code index} of every body: a fixed pattern, so a client can check what it got. */
    public static byte bodyByte(int index) {
        return (byte) (index % 251);
    }

    /** Every request the server has seen, in order of arrival. */
    public List<Served> served() {
        return List.copyOf(served);
    }

    /** The requests to {@code path}, in order of arrival. */
    public List<Served> served(String path) {
        return served.stream().filter(s -> s.path().equals(path)).toList();
    }

    /**
     * Waits until a request to {@code path} has arrived and its headers and first chunk have gone out (with
     * {@link #startHoldingHeaders}: until it has arrived): from then on the request is in flight. Returns the
     * first such request not returned by an earlier call.
     *
     * @throws TimeoutException when no such request comes within {@code atMost}
     */
    public Served awaitRequest(String path, Duration atMost) throws InterruptedException, TimeoutException {
        Served next = inFlight(path).poll(atMost.toNanos(), TimeUnit.NANOSECONDS);
        if (next == null) {
            throw new TimeoutException("no request to " + path + " reached the server within " + atMost + "; it saw: " + served);
        }
        return next;
    }

    private BlockingQueue<Served> inFlight(String path) {
        return inFlight.computeIfAbsent(path, p -> new LinkedBlockingQueue<>());
    }

    // ------------------------------------------------------------------ connections

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket connection = listener.accept();
                connections.add(connection);
                threads.execute(() -> readRequests(connection));
            } catch (IOException stopped) {
                return; // closed
            }
        }
    }

    /**
     * Reads the requests of one connection, one after the other (the JDK client does not pipeline). While a
     * response is being written this read is what notices the client going away: it ends with end-of-stream
     * or a reset.
     */
    private void readRequests(Socket connection) {
        Served current = null;
        try (connection) {
            InputStream in = new BufferedInputStream(connection.getInputStream());
            OutputStream out = connection.getOutputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    break; // the client closed the connection
                }
                if (current != null) {
                    current.awaitWriterDone(); // a new request comes only after the previous response was read whole
                }
                String[] requestLine = head.substring(0, head.indexOf("\r\n")).split(" ");
                skipRequestBody(in, head);
                current = new Served(requestLine[0], requestLine.length > 1 ? URI.create(requestLine[1]).getPath() : "/");
                served.add(current);
                Served response = current;
                threads.execute(() -> writeResponse(response, out));
            }
        } catch (IOException | RuntimeException gone) {
            // reset by the client, or the server is closing: the same as end-of-stream here
        } finally {
            connections.remove(connection);
            if (current != null) {
                current.clientWentAway();
            }
        }
    }

    /** Writes one response; the writer alone decides how the exchange ended, so a close racing the last write is no abort. */
    private void writeResponse(Served response, OutputStream out) {
        try {
            byte[] chunk = new byte[chunkBytes];
            if (holdHeaders) {
                inFlight(response.path()).add(response);
                if (!response.awaitPermit()) {
                    response.stoppedWaiting(); // the client gave up (a timeout, a cancel) before the headers
                    return;
                }
            }
            String headers = "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + bodyBytes()
                    + "\r\n\r\n";
            out.write(headers.getBytes(StandardCharsets.US_ASCII));
            for (int k = 0; k < chunks; k++) {
                if (k > 0 && !response.awaitPermit()) {
                    response.stoppedWaiting(); // the client went away (or the server closed) while the chunk waited for its turn
                    return;
                }
                for (int i = 0; i < chunkBytes; i++) {
                    chunk[i] = bodyByte(k * chunkBytes + i);
                }
                out.write(chunk);
                out.flush();
                response.sent(chunkBytes);
                if (k == 0 && !holdHeaders) {
                    inFlight(response.path()).add(response);
                }
            }
            response.finish(Outcome.SENT_EVERYTHING);
        } catch (IOException failed) {
            response.stoppedWaiting(); // a write failed: the connection is gone
        }
    }

    /** The request line and headers, up to the blank line; null at end-of-stream before a request begins. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) != -1) {
            head.append((char) b);
            int n = head.length();
            if (n >= 4 && head.charAt(n - 4) == '\r' && head.charAt(n - 3) == '\n' && head.charAt(n - 2) == '\r' && head.charAt(n - 1) == '\n') {
                return head.toString();
            }
            if (n > MAX_HEADER_BYTES) {
                throw new IOException("request head larger than " + MAX_HEADER_BYTES + " bytes");
            }
        }
        if (head.isEmpty()) {
            return null;
        }
        throw new IOException("connection closed in the middle of a request head");
    }

    private static void skipRequestBody(InputStream in, String head) throws IOException {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
                in.skipNBytes(Long.parseLong(line.substring(colon + 1).trim()));
            }
        }
    }

    /** Stops the server: closes every connection and frees every response waiting for the test. */
    @Override
    public void close() {
        closed = true;
        served.forEach(Served::serverClosed); // first: the connections closing next are the server's doing, no client abort
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket connection : new ArrayList<>(connections)) {
            try {
                connection.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        threads.shutdownNow();
    }

    @Override
    public String toString() {
        return "SlowBodyServer at " + uri("/") + ", " + chunks + " chunks of " + chunkBytes + " bytes"
                + (holdHeaders ? ", headers held" : "") + "; served " + served;
    }

    // ------------------------------------------------------------------ one exchange

    /** One request and how its response went, as the server saw it. Thread-safe. */
    public final class Served {

        private final String method;
        private final String path;
        private long bodyBytesSent;
        private int permits;
        private boolean connectionGone;
        private boolean serverClosed;
        private Outcome outcome = Outcome.IN_PROGRESS;
        private boolean writerDone;

        private Served(String method, String path) {
            this.method = method;
            this.path = path;
        }

        public String method() {
            return method;
        }

        public String path() {
            return path;
        }

        public synchronized Outcome outcome() {
            return outcome;
        }

        /** Whether the exchange is over: everything sent, or the client went away. */
        public synchronized boolean isOver() {
            return outcome != Outcome.IN_PROGRESS;
        }

        /** Body bytes written so far (they may still sit in socket buffers: what the server sent, not what the client read). */
        public synchronized long bodyBytesSent() {
            return bodyBytesSent;
        }

        /** The size of the whole body. */
        public int bodyBytes() {
            return SlowBodyServer.this.bodyBytes();
        }

        /** Lets {@code count} more chunks of the body go out. */
        public synchronized void release(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("release a positive number of chunks, not " + count);
            }
            permits = (int) Math.min(Integer.MAX_VALUE, (long) permits + count);
            notifyAll();
        }

        /** Lets the rest of the body go out, as fast as the client takes it. */
        public synchronized void releaseAll() {
            permits = Integer.MAX_VALUE;
            notifyAll();
        }

        private synchronized boolean awaitPermit() {
            while (permits == 0 && !connectionGone && !serverClosed) {
                try {
                    wait();
                } catch (InterruptedException shuttingDown) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            if (connectionGone || serverClosed) {
                return false;
            }
            if (permits != Integer.MAX_VALUE) {
                permits--;
            }
            return true;
        }

        private synchronized void sent(int bytes) {
            bodyBytesSent += bytes;
        }

        private synchronized void finish(Outcome how) {
            if (outcome == Outcome.IN_PROGRESS) {
                outcome = how;
            }
            writerDone = true;
            notifyAll();
        }

        /** The writer stopped before the end: an abort by the client, unless the server itself is closing. */
        private synchronized void stoppedWaiting() {
            finish(serverClosed ? Outcome.IN_PROGRESS : Outcome.ABORTED);
        }

        /** The reader saw the connection end; a writer waiting for its next chunk notices at once. */
        private synchronized void clientWentAway() {
            connectionGone = true;
            notifyAll();
        }

        private synchronized void serverClosed() {
            serverClosed = true;
            notifyAll();
        }

        private synchronized void awaitWriterDone() throws IOException {
            while (!writerDone && !connectionGone && !serverClosed) {
                try {
                    wait();
                } catch (InterruptedException shuttingDown) {
                    Thread.currentThread().interrupt();
                    throw new IOException("server closing");
                }
            }
        }

        /** {@code GET /big: aborted by the client after 16384 of 1048576 body bytes}. */
        @Override
        public synchronized String toString() {
            return method + " " + path + ": " + switch (outcome) {
                case IN_PROGRESS -> "in progress, " + bodyBytesSent + " of " + bodyBytes() + " body bytes sent";
                case SENT_EVERYTHING -> "sent everything (" + bodyBytesSent + " body bytes)";
                case ABORTED -> "aborted by the client after " + bodyBytesSent + " of " + bodyBytes() + " body bytes";
            };
        }
    }
}
