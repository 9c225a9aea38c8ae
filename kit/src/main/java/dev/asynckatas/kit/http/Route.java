package dev.asynckatas.kit.http;

import java.net.http.HttpRequest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Requests with one method to the paths matching one pattern ({@code *} matches any characters, so
 * {@code /ads/*} matches every ad), and how the server answers them.
 */
public final class Route {

    private final String method;
    private final String pathPattern;
    private final Pattern path;
    private Function<HttpRequest, Reply> replies = request -> Reply.status(200);

    Route(String method, String pathPattern) {
        this.method = method.toUpperCase(Locale.ROOT);
        this.pathPattern = pathPattern;
        this.path = Pattern.compile(Pattern.quote(pathPattern).replace("*", "\\E.*\\Q"));
    }

    /** Every request gets {@code reply}. */
    public Route respond(Reply reply) {
        this.replies = request -> reply;
        return this;
    }

    /** Each request gets the reply computed from it. */
    public Route respond(Function<HttpRequest, Reply> replies) {
        this.replies = replies;
        return this;
    }

    /** The first request gets the first reply, the second the second...; the last one repeats. */
    public Route respondInTurn(Reply... inTurn) {
        if (inTurn.length == 0) {
            throw new IllegalArgumentException("at least one reply");
        }
        Deque<Reply> queue = new ArrayDeque<>(List.of(inTurn));
        this.replies = request -> queue.size() > 1 ? queue.removeFirst() : queue.getFirst();
        return this;
    }

    boolean matches(HttpRequest request) {
        return request.method().equalsIgnoreCase(method) && path.matcher(request.uri().getPath()).matches();
    }

    Reply replyTo(HttpRequest request) {
        return replies.apply(request);
    }

    @Override
    public String toString() {
        return method + " " + pathPattern;
    }
}
