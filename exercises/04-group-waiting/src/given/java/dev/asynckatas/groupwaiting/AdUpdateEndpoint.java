package dev.asynckatas.groupwaiting;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The small HTTP server of the original question (Swifter there): {@code POST /ads/update} updates the ads and
 * answers with the outcome. Its handlers can only answer synchronously, so the handler blocks in
 * {@code updateAdsAndWait} on its own request thread (never the app's main thread) and answers after it returns:
 * {@code 200 "2 of 3 downloaded; failed: b.png (the ad server answered HTTP 404.)"}.
 *
 * <p>Given by the kata: you do not need to change it.
 */
public final class AdUpdateEndpoint implements AutoCloseable {

    /** The blocking update the handler calls: {@code AdUpdater::updateAdsAndWait}. */
    @FunctionalInterface
    public interface BlockingUpdate {
        UpdateReport updateAdsAndWait(Duration timeout) throws InterruptedException;
    }

    private final HttpServer server;
    private final ExecutorService requestThreads;

    private AdUpdateEndpoint(HttpServer server, ExecutorService requestThreads) {
        this.server = server;
        this.requestThreads = requestThreads;
    }

    /**
     * Starts listening on a free port of the loopback interface.
     *
     * @param update  what the handler calls, on its request thread
     * @param timeout how long the handler waits for the update before it answers anyway
     */
    public static AdUpdateEndpoint start(BlockingUpdate update, Duration timeout) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService requestThreads = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(requestThreads);
        server.createContext("/ads/update", exchange -> handle(exchange, update, timeout));
        server.start();
        return new AdUpdateEndpoint(server, requestThreads);
    }

    private static void handle(HttpExchange exchange, BlockingUpdate update, Duration timeout) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                answer(exchange, 405, "Use POST /ads/update.");
                return;
            }
            try {
                UpdateReport report = update.updateAdsAndWait(timeout);
                answer(exchange, 200, report.summary());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                answer(exchange, 503, "The update was interrupted: the server is shutting down.");
            } catch (RuntimeException failed) {
                answer(exchange, 500, "The update failed: " + failed);
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Where to send {@code POST /ads/update}. */
    public URI uri() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/ads/update");
    }

    @Override
    public void close() {
        server.stop(0);
        requestThreads.shutdownNow();
    }
}
