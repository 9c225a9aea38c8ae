package dev.asynckatas.kit.http;

import dev.asynckatas.kit.sim.Lane;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A request that a system service outside the app makes to the {@link SimNetwork}: the transfer service's daemon
 * downloading on the app's behalf. It runs on a lane outside the app, so it goes on while the app is suspended or
 * terminated; there is no {@code HttpClient} and no body subscriber: the response is handed, piece by piece, to a
 * {@link Receiver}, the way {@code nsurlsessiond} writes a download to its file.
 *
 * <p>The server's side is the same as for the app's own requests: the route's {@link Reply} (status, headers, latency,
 * chunks, a body cut short, a failure, no answer) and an {@link Exchange} in the network's record. Unless the reply sets
 * it, the response carries a {@code Content-Length} of the whole body, as a server that knows its body sends.
 */
public final class SystemExchange {

    /** Where the response goes. Every call runs on the exchange's lane, at the virtual time the bytes arrive. */
    public interface Receiver {

        /** The status line and headers arrived. */
        void headers(int status, HttpHeaders headers);

        /** The next piece of the body arrived (never empty). */
        void body(byte[] piece);

        /** The whole body arrived. */
        void completed();

        /** The connection failed: refused, reset, or closed before the whole body arrived. */
        void failed(IOException failure);
    }

    private final SimNetwork network;
    private final Lane lane;
    private final Receiver receiver;
    private Exchange exchange;
    private boolean over;

    private SystemExchange(SimNetwork network, Lane lane, Receiver receiver) {
        this.network = network;
        this.lane = lane;
        this.receiver = receiver;
    }

    /**
     * Sends {@code request} now; the response arrives on {@code lane} as the route's reply says.
     *
     * @param lane a lane outside the app ({@code Simulation.outsideLane}), so that a suspended app does not stop it
     */
    public static SystemExchange start(SimNetwork network, HttpRequest request, Lane lane, Receiver receiver) {
        if (lane.isPartOfApp()) {
            throw new IllegalArgumentException("a system exchange runs outside the app: " + lane + " is a lane of the app");
        }
        SystemExchange run = new SystemExchange(network, lane, Objects.requireNonNull(receiver));
        run.exchange = network.accept(request);
        Reply reply = run.exchange.reply();
        String what = request.method() + " " + request.uri().getPath();
        if (!reply.isNever()) {
            lane.schedule(reply.latency(), reply.failure() != null ? what + ": connection fails" : what + ": response " + reply.status(),
                    () -> run.headersArrive(reply));
        }
        return run;
    }

    /** What the server saw. */
    public Exchange exchange() {
        return exchange;
    }

    /** The client closes the connection: the server sees an abort; the receiver hears nothing more. Returns whether it was running. */
    public boolean cancel() {
        if (over || !exchange.isInFlight()) {
            return false;
        }
        over = true;
        network.ended(exchange, Exchange.State.ABORTED, "the client cancelled");
        return true;
    }

    private void headersArrive(Reply reply) {
        if (over || !exchange.isInFlight()) {
            return;
        }
        if (reply.failure() != null) {
            over = true;
            network.ended(exchange, Exchange.State.FAILED, reply.failure().getMessage());
            receiver.failed(reply.failure());
            return;
        }
        byte[] body = reply.body();
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(reply.headers());
        // A server that knows its body says how long it is (a body cut short is detected by it): the download's progress.
        headers.putIfAbsent("Content-Length", List.of(String.valueOf(body.length)));
        receiver.headers(reply.status(), HttpHeaders.of(headers, (name, value) -> true));
        boolean cutShort = reply.cutShortAfter() >= 0;
        int end = cutShort ? reply.cutShortAfter() : body.length;
        int chunks = reply.chunks();
        if (chunks == 1) {
            bodyArrives(Arrays.copyOfRange(body, 0, end), true, cutShort);
            return;
        }
        int size = (body.length + chunks - 1) / chunks;
        for (int k = 1; k <= chunks; k++) {
            int from = Math.min(end, (k - 1) * size);
            int to = Math.min(end, k * size);
            boolean last = k == chunks || to >= end;
            byte[] piece = Arrays.copyOfRange(body, from, to);
            lane.schedule(reply.chunkInterval().multipliedBy(k), "body bytes " + from + ".." + to, () -> bodyArrives(piece, last, cutShort));
            if (last) {
                break;
            }
        }
    }

    private void bodyArrives(byte[] piece, boolean last, boolean cutShort) {
        if (over || !exchange.isInFlight()) {
            return;
        }
        if (piece.length > 0) {
            exchange.delivered(piece.length);
            receiver.body(piece);
            if (over) {
                return; // the receiver cancelled
            }
        }
        if (!last) {
            return;
        }
        over = true;
        if (cutShort) {
            IOException failure = new IOException("connection closed before the whole body arrived (" + exchange.bodyBytesDelivered()
                    + " of " + exchange.reply().body().length + " bytes)");
            network.ended(exchange, Exchange.State.FAILED, failure.getMessage());
            receiver.failed(failure);
        } else {
            network.ended(exchange, Exchange.State.COMPLETED, exchange.reply().status() + ", " + exchange.bodyBytesDelivered() + " bytes");
            receiver.completed();
        }
    }
}
