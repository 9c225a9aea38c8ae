package dev.asynckatas.timeouts;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The accounts server's user-name check: {@code GET /users/available?name=ada}, answered with
 * {@code {"name": "ada", "available": true}}.
 *
 * <p>Three pieces, to use as you like: {@link #request} builds the request, {@link #send} sends it asynchronously with
 * the JDK's {@code HttpClient}, {@link #read} reads the answer. {@link #checkUsername} is the asker's
 * {@code Server.checkUsername}: all three in one blocking call.
 *
 * <p>Given by the kata: you do not need to change it.
 */
public final class UsernameApi {

    /**
     * How long {@link #checkUsername} waits for the answer's headers: 60 s, the default {@code timeoutInterval} of an
     * iOS request (an idle timeout there; the JDK's {@code HttpRequest.timeout} covers the headers only).
     */
    public static final Duration BLOCKING_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http;
    private final URI server;

    /**
     * @param http   the JDK's HTTP client (the simulated one in tests)
     * @param server the accounts server's base address
     */
    public UsernameApi(HttpClient http, URI server) {
        this.http = Objects.requireNonNull(http, "http");
        this.server = Objects.requireNonNull(server, "server");
    }

    /**
     * The request that asks whether {@code name} is free, with the name percent-encoded (any text is safe). Add what
     * you need before {@code build()}, a timeout for instance: {@code api.request("ada").timeout(d).build()}.
     */
    public HttpRequest.Builder request(String name) {
        Objects.requireNonNull(name, "name");
        String query = "name=" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return HttpRequest.newBuilder(server.resolve("/users/available?" + query)).header("Accept", "application/json").GET();
    }

    /**
     * Sends {@code request} without waiting: {@code http.sendAsync(request, BodyHandlers.ofString())}. The future is the
     * client's own: it completes on the client's threads, and {@code cancel(true)} on it, or on a stage derived from it,
     * aborts the exchange. It fails with an {@code IOException} when there is no answer: a
     * {@code java.net.http.HttpTimeoutException} for a request timeout, another one for a connection that failed.
     */
    public CompletableFuture<HttpResponse<String>> send(HttpRequest request) {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** As {@link #send(HttpRequest)}, with a body handler of your own: {@code http.sendAsync(request, handler)}. */
    public <T> CompletableFuture<HttpResponse<T>> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return http.sendAsync(request, handler);
    }

    /**
     * The answer about {@code name} in {@code response}.
     *
     * @throws UnreadableAnswerException when the response is not HTTP 200 with a JSON object that says whether
     *                                   {@code name}, that very name, is available
     */
    public Availability read(String name, HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new UnreadableAnswerException("the server answered HTTP " + response.statusCode() + " about \"" + name + "\"");
        }
        Map<String, Object> answer = JsonObject.parse(response.body());
        if (!(answer.get("available") instanceof Boolean available)) {
            throw new UnreadableAnswerException("the answer about \"" + name + "\" does not say whether it is available");
        }
        if (!name.equals(answer.get("name"))) {
            throw new UnreadableAnswerException("the answer is about " + answer.get("name") + ", not about \"" + name + "\"");
        }
        return new Availability(name, available);
    }

    /**
     * The asker's {@code Server.checkUsername}: asks about {@code name} and waits for the answer on the calling thread
     * (at most {@link #BLOCKING_TIMEOUT} for the headers).
     *
     * @throws IOException              no answer: no connection, or the headers did not come in time
     * @throws InterruptedException     the waiting thread was interrupted (the exchange is then aborted)
     * @throws UnreadableAnswerException the server answered, but not about the name
     */
    public Availability checkUsername(String name) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(name).timeout(BLOCKING_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        return read(name, response);
    }

    /** A flat JSON object of strings, booleans, numbers and nulls: all the accounts server ever sends. */
    static final class JsonObject {

        private final String text;
        private int at;

        private JsonObject(String text) {
            this.text = text;
        }

        static Map<String, Object> parse(String json) {
            JsonObject reader = new JsonObject(json == null ? "" : json.strip());
            return reader.object();
        }

        private Map<String, Object> object() {
            Map<String, Object> members = new LinkedHashMap<>();
            expect('{');
            skipSpaces();
            if (peek() == '}') {
                at++;
                return end(members);
            }
            while (true) {
                skipSpaces();
                String key = string();
                skipSpaces();
                expect(':');
                skipSpaces();
                members.put(key, value());
                skipSpaces();
                char next = next();
                if (next == '}') {
                    return end(members);
                }
                if (next != ',') {
                    throw unreadable("expected , or } at character " + (at - 1));
                }
            }
        }

        private Map<String, Object> end(Map<String, Object> members) {
            if (at != text.length()) {
                throw unreadable("there is more after the object");
            }
            return members;
        }

        private Object value() {
            char c = peek();
            if (c == '"') {
                return string();
            }
            for (String literal : new String[] {"true", "false", "null"}) {
                if (text.startsWith(literal, at)) {
                    at += literal.length();
                    return literal.equals("null") ? null : Boolean.valueOf(literal);
                }
            }
            int start = at;
            while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
            if (start == at) {
                throw unreadable("a value at character " + at + " is not a string, a number, true, false or null");
            }
            try {
                return Double.valueOf(text.substring(start, at));
            } catch (NumberFormatException broken) {
                throw unreadable("a broken number at character " + start);
            }
        }

        private String string() {
            expect('"');
            StringBuilder value = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return value.toString();
                }
                if (c < 0x20) {
                    throw unreadable("a control character inside a string");
                }
                if (c != '\\') {
                    value.append(c);
                    continue;
                }
                char escaped = next();
                switch (escaped) {
                    case '"', '\\', '/' -> value.append(escaped);
                    case 'b' -> value.append('\b');
                    case 'f' -> value.append('\f');
                    case 'n' -> value.append('\n');
                    case 'r' -> value.append('\r');
                    case 't' -> value.append('\t');
                    case 'u' -> {
                        if (at + 4 > text.length()) {
                            throw unreadable("a broken \\u escape");
                        }
                        try {
                            value.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        } catch (NumberFormatException broken) {
                            throw unreadable("a broken \\u escape");
                        }
                        at += 4;
                    }
                    default -> throw unreadable("an unknown escape \\" + escaped);
                }
            }
        }

        private void expect(char wanted) {
            if (next() != wanted) {
                throw unreadable("expected " + wanted + " at character " + (at - 1));
            }
        }

        private char peek() {
            if (at >= text.length()) {
                throw unreadable("it ends too early");
            }
            return text.charAt(at);
        }

        private char next() {
            char c = peek();
            at++;
            return c;
        }

        private void skipSpaces() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private static UnreadableAnswerException unreadable(String why) {
            return new UnreadableAnswerException("the answer is not the JSON object the server promised: " + why);
        }
    }
}
