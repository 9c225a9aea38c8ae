package dev.asynckatas.kit.http;

import dev.asynckatas.kit.sim.Simulation;
import dev.asynckatas.kit.timeline.Redaction;
import dev.asynckatas.kit.timeline.TimelineEvent;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.stream.Collectors;

/**
 * The simulated network: one server with programmable {@link Route routes}, and the JDK-compatible clients
 * that talk to it ({@link #client()}). Everything happens in the simulation's virtual time, and the server
 * keeps a record of every {@link Exchange}: what it saw sent, aborted, completed.
 *
 * <pre>{@code
 * SimNetwork network = new SimNetwork(sim);
 * network.on("POST", "/orders").respond(Reply.status(201).json("{}").after(ofSeconds(3)));
 * HttpClient client = network.client();          // a java.net.http.HttpClient
 * ...
 * assertThat(network.exchanges("POST", "/orders")).singleElement().matches(Exchange::isCompleted);
 * }</pre>
 *
 * A request that matches no route gets a 404 at once, and the timeline says so.
 */
public final class SimNetwork {

    private final Simulation sim;
    private final List<Route> routes = new ArrayList<>();
    private final List<Exchange> exchanges = new ArrayList<>();

    public SimNetwork(Simulation sim) {
        this.sim = sim;
    }

    /** The route for {@code method} requests to paths matching {@code pathPattern}; later routes win. */
    public Route on(String method, String pathPattern) {
        Route route = new Route(method, pathPattern);
        routes.add(0, route);
        return route;
    }

    /** A new client, a {@code java.net.http.HttpClient}, connected to this network. */
    public HttpClient client() {
        return new SimHttpClient(sim, this, null);
    }

    /**
     * A new client with a connect timeout, as {@code HttpClient.newBuilder().connectTimeout(timeout).build()}: it
     * matters only for a server whose connection never completes ({@link Reply#unreachable()}).
     */
    public HttpClient client(java.time.Duration connectTimeout) {
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("a connect timeout must be positive, not " + connectTimeout);
        }
        return new SimHttpClient(sim, this, connectTimeout);
    }

    /** Every request the server has seen, in order. */
    public List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    /** The requests the server has seen with this method and a path matching {@code pathPattern}. */
    public List<Exchange> exchanges(String method, String pathPattern) {
        Route filter = new Route(method, pathPattern);
        return exchanges.stream().filter(e -> filter.matches(e.request())).toList();
    }

    public Simulation simulation() {
        return sim;
    }

    Exchange accept(HttpRequest request) {
        Route route = routes.stream().filter(r -> r.matches(request)).findFirst().orElse(null);
        Reply reply = route == null ? Reply.status(404) : route.replyTo(request);
        Exchange exchange = new Exchange(exchanges.size() + 1, request, bodyOf(request), sim.now(), reply);
        exchanges.add(exchange);
        String headers = request.headers().map().entrySet().stream()
                .map(h -> h.getKey() + ": " + (Redaction.isSecretHeader(h.getKey()) ? Redaction.REDACTED : String.join(",", h.getValue())))
                .collect(Collectors.joining(", "));
        sim.timeline().note(TimelineEvent.NETWORK, (reply.isUnreachable() ? "-- #" : "<- #") + exchange.id() + " " + request.method() + " "
                + request.uri().getPath() + (headers.isEmpty() ? "" : " (" + headers + ")")
                + (route == null ? " matches no route: 404" : "")
                + (reply.isUnreachable() ? ": the connection attempt gets no answer, the request never arrives" : ""));
        return exchange;
    }

    void ended(Exchange exchange, Exchange.State how, String detail) {
        if (exchange.isInFlight()) {
            exchange.end(how, sim.now());
            sim.timeline().note(TimelineEvent.NETWORK, "#" + exchange.id() + " " + how.name().toLowerCase(java.util.Locale.ROOT)
                    .replace('_', ' ') + (detail.isEmpty() ? "" : ": " + detail));
        }
    }

    /** The request body as text, read the way a server would; publishers that are not synchronous are noted. */
    private static String bodyOf(HttpRequest request) {
        if (request.bodyPublisher().isEmpty()) {
            return "";
        }
        List<ByteBuffer> parts = new ArrayList<>();
        boolean[] complete = {false};
        request.bodyPublisher().get().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                parts.add(item);
            }

            @Override
            public void onError(Throwable throwable) {
                complete[0] = true;
            }

            @Override
            public void onComplete() {
                complete[0] = true;
            }
        });
        if (!complete[0]) {
            return "<request body not captured: its publisher is asynchronous>";
        }
        int size = parts.stream().mapToInt(ByteBuffer::remaining).sum();
        ByteBuffer all = ByteBuffer.allocate(size);
        parts.forEach(all::put);
        all.flip();
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(all).toString();
        } catch (CharacterCodingException binary) {
            return "<" + size + " bytes>";
        }
    }
}
