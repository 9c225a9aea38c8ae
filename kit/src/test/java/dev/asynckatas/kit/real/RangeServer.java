package dev.asynckatas.kit.real;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JDK HttpServer for the transfer service's tests: one body at {@code /episode}, with an ETag; it honours
 * {@code Range: bytes=N-} with {@code 206} and {@code Content-Range} (or ignores it, answering 200 with everything);
 * its first response can hold after some bytes until the test releases it (bounded: 5 s at most).
 */
final class RangeServer implements AutoCloseable {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final byte[] body;
    private final boolean honoursRange;
    private final int holdAfter;
    private final CountDownLatch released = new CountDownLatch(1);
    /** The Range header of each request, or "" for none. */
    final List<String> ranges = new CopyOnWriteArrayList<>();

    private RangeServer(byte[] body, boolean honoursRange, int holdAfter) throws IOException {
        this.body = body;
        this.honoursRange = honoursRange;
        this.holdAfter = holdAfter;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/episode", this::handle);
        server.start();
    }

    /** @param holdAfter the first response stops after this many bytes until {@link #release()}; -1: never holds */
    static RangeServer start(byte[] body, boolean honoursRange, int holdAfter) throws IOException {
        return new RangeServer(body, honoursRange, holdAfter);
    }

    URI uri() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/episode");
    }

    void release() {
        released.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String range = exchange.getRequestHeaders().getFirst("Range");
            boolean first = ranges.isEmpty();
            ranges.add(range == null ? "" : range);
            exchange.getResponseHeaders().set("ETag", "\"episode-v1\"");
            Matcher wanted = range == null ? null : RANGE.matcher(range);
            int from = 0;
            if (honoursRange && wanted != null && wanted.matches()) {
                from = Integer.parseInt(wanted.group(1));
                exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
                exchange.sendResponseHeaders(206, body.length - from);
            } else {
                exchange.sendResponseHeaders(200, body.length);
            }
            OutputStream out = exchange.getResponseBody();
            if (first && holdAfter >= 0) {
                out.write(body, from, holdAfter);
                out.flush();
                try {
                    released.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                from += holdAfter;
            }
            out.write(body, from, body.length - from);
        } catch (IOException clientWentAway) {
            // the transfer service stopped in the middle: what this test is about
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        threads.shutdownNow();
    }
}
