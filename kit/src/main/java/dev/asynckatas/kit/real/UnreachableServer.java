package dev.asynckatas.kit.real;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback address whose connection attempts are never answered, for integration tests of connect timeouts: a
 * listening socket that never accepts, with its backlog filled by connections of its own, so that the system drops
 * every further attempt (no SYN-ACK, no reset) and a client waits until its own timeout.
 *
 * <p>That is how Linux treats a full backlog. {@link #start()} proves it on the machine it runs on: it fills the
 * backlog until one attempt of its own times out, and refuses to start (with a sentence saying why) where the
 * system answers a full backlog with a reset instead, so a test can skip rather than pass for the wrong reason.
 */
public final class UnreachableServer implements AutoCloseable {

    /** How long the server's own probe waits for an answer before it concludes that none will come. */
    private static final int PROBE_MILLIS = 500;
    private static final int MAX_FILLERS = 64;

    private final ServerSocket listener;
    private final List<Socket> fillers;

    private UnreachableServer(ServerSocket listener, List<Socket> fillers) {
        this.listener = listener;
        this.fillers = fillers;
    }

    /**
     * A loopback address that answers no connection attempt.
     *
     * @throws IllegalStateException when this system answers a full backlog (with a reset, or by accepting more)
     */
    public static UnreachableServer start() throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        List<Socket> fillers = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_FILLERS; i++) {
                Socket filler = new Socket();
                try {
                    filler.connect(listener.getLocalSocketAddress(), PROBE_MILLIS);
                    fillers.add(filler);
                } catch (SocketTimeoutException unanswered) {
                    filler.close();
                    return new UnreachableServer(listener, fillers); // the backlog is full: attempts go unanswered
                } catch (IOException refused) {
                    filler.close();
                    throw new IllegalStateException("This system answers a connection attempt to a full backlog with " + refused
                            + ", not with silence: a connect that never completes cannot be made here.");
                }
            }
        } catch (IOException | RuntimeException failed) {
            closeAll(listener, fillers);
            throw failed;
        }
        closeAll(listener, fillers);
        throw new IllegalStateException("This system accepted " + MAX_FILLERS + " connections into a backlog of 1: a connect that"
                + " never completes cannot be made here.");
    }

    /** The address of {@code path} on this server; a request to it never gets a connection. */
    public URI uri(String path) {
        return URI.create("http://" + listener.getInetAddress().getHostAddress() + ":" + listener.getLocalPort() + path);
    }

    @Override
    public void close() {
        closeAll(listener, fillers);
    }

    private static void closeAll(ServerSocket listener, List<Socket> fillers) {
        for (Socket filler : fillers) {
            try {
                filler.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public String toString() {
        return "UnreachableServer at " + uri("/") + " (backlog filled by " + fillers.size() + " connections)";
    }
}
