package dev.asynckatas.callbacksvsdelegates;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The weather service's HTTP API on the JDK's {@link HttpClient}: {@code GET /weather?city=Lisbon} answers
 * {@code {"city":"Lisbon","temperature":21.4,"summary":"sunny"}}. Both app-wide services below use it.
 *
 * <p>Given by the kata: you do not need to change it.
 */
public final class WeatherApi {

    /** The longest city name the service accepts. */
    static final int MAX_CITY_LENGTH = 100;

    private final HttpClient http;
    private final URI base;

    /**
     * @param http the JDK's HTTP client (the simulated one in tests)
     * @param base the service's address, {@code https://weather.example}
     */
    public WeatherApi(HttpClient http, URI base) {
        this.http = http;
        this.base = base;
    }

    /**
     * Asks for the weather in {@code city} and returns at once: starting a request never blocks. The future
     * completes on the client's thread with the weather, or fails with an {@link java.io.IOException} (a
     * {@link WeatherException} for an error status, malformed data or a name that is not a city's); as with the
     * JDK client's own futures, {@code cancel(true)} on it aborts the exchange.
     */
    public CompletableFuture<Weather> weather(String city) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(uriFor(city)).header("Accept", "application/json").GET().build();
        } catch (IllegalArgumentException notACity) {
            return CompletableFuture.failedFuture(new WeatherException(notACity.getMessage(), notACity));
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).thenApply(WeatherApi::read);
    }

    /** {@code base/weather?city=...}, the name encoded; a name that is not a city's is refused, in words. */
    URI uriFor(String city) {
        if (city == null || city.isBlank()) {
            throw new IllegalArgumentException("\"" + city + "\" is not a city name: it is empty");
        }
        if (city.length() > MAX_CITY_LENGTH) {
            throw new IllegalArgumentException("a city name of " + city.length() + " characters is too long (at most "
                    + MAX_CITY_LENGTH + ")");
        }
        if (city.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("\"" + city.replaceAll("\\p{Cntrl}", "?") + "\" is not a city name: it has control characters");
        }
        String query = "city=" + URLEncoder.encode(city, StandardCharsets.UTF_8).replace("+", "%20");
        return URI.create(base.toString().replaceAll("/+$", "") + "/weather?" + query);
    }

    private static Weather read(HttpResponse<String> response) {
        try {
            return parse(response.statusCode(), response.body());
        } catch (WeatherException unreadable) {
            throw new CompletionException(unreadable);
        }
    }

    /** The weather in a response, or a sentence saying why there is none. */
    static Weather parse(int status, String body) throws WeatherException {
        if (status < 200 || status > 299) {
            throw new WeatherException("the weather service answered HTTP " + status);
        }
        Map<String, Object> fields;
        try {
            fields = new Json(body).object();
        } catch (IllegalArgumentException malformed) {
            throw new WeatherException("the weather service sent something that is not the weather: " + malformed.getMessage(), malformed);
        }
        if (!(fields.get("city") instanceof String city) || city.isBlank()) {
            throw new WeatherException("the weather service sent no city");
        }
        if (!(fields.get("temperature") instanceof Double temperature) || !Double.isFinite(temperature)) {
            throw new WeatherException("the weather service sent no temperature for " + city);
        }
        if (!(fields.get("summary") instanceof String summary)) {
            throw new WeatherException("the weather service sent no summary for " + city);
        }
        return new Weather(city, temperature, summary);
    }

    /**
     * A strict reader of one JSON value (RFC 8259): objects, arrays, strings, numbers, {@code true},
     * {@code false}, {@code null}. Numbers become {@code Double}s. Nesting is limited, so hostile input fails
     * with a sentence instead of a stack overflow.
     */
    static final class Json {
        private static final int MAX_DEPTH = 32;
        private final String text;
        private int at;

        Json(String text) {
            this.text = text == null ? "" : text;
        }

        /** The text as one JSON object, and nothing after it. */
        Map<String, Object> object() {
            skipSpace();
            if (!peek('{')) {
                throw error("expected a JSON object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) value(0);
            skipSpace();
            if (at != text.length()) {
                throw error("unexpected text after the object");
            }
            return object;
        }

        private Object value(int depth) {
            if (depth > MAX_DEPTH) {
                throw error("nested more than " + MAX_DEPTH + " levels deep");
            }
            skipSpace();
            if (at >= text.length()) {
                throw error("the text ends where a value should be");
            }
            char c = text.charAt(at);
            return switch (c) {
                case '{' -> objectBody(depth);
                case '[' -> arrayBody(depth);
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        yield number();
                    }
                    throw error("unexpected '" + c + "'");
                }
            };
        }

        private Map<String, Object> objectBody(int depth) {
            at++; // {
            Map<String, Object> object = new LinkedHashMap<>();
            skipSpace();
            if (peek('}')) {
                at++;
                return object;
            }
            while (true) {
                skipSpace();
                if (!peek('"')) {
                    throw error("expected a field name");
                }
                String name = string();
                skipSpace();
                expect(':');
                object.put(name, value(depth + 1));
                skipSpace();
                if (peek(',')) {
                    at++;
                } else if (peek('}')) {
                    at++;
                    return object;
                } else {
                    throw error("expected ',' or '}'");
                }
            }
        }

        private List<Object> arrayBody(int depth) {
            at++; // [
            List<Object> array = new ArrayList<>();
            skipSpace();
            if (peek(']')) {
                at++;
                return array;
            }
            while (true) {
                array.add(value(depth + 1));
                skipSpace();
                if (peek(',')) {
                    at++;
                } else if (peek(']')) {
                    at++;
                    return array;
                } else {
                    throw error("expected ',' or ']'");
                }
            }
        }

        private String string() {
            at++; // opening quote
            StringBuilder out = new StringBuilder();
            while (true) {
                if (at >= text.length()) {
                    throw error("a string is not closed");
                }
                char c = text.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                if (c < 0x20) {
                    throw error("a control character inside a string");
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (at >= text.length()) {
                    throw error("a string is not closed");
                }
                char escaped = text.charAt(at++);
                switch (escaped) {
                    case '"', '\\', '/' -> out.append(escaped);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (at + 4 > text.length() || !text.substring(at, at + 4).matches("[0-9a-fA-F]{4}")) {
                            throw error("a \\u escape needs four hex digits");
                        }
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> throw error("unknown escape \\" + escaped);
                }
            }
        }

        private Double number() {
            int start = at;
            if (peek('-')) {
                at++;
            }
            if (peek('0')) {
                at++;
            } else if (digit()) {
                while (digit()) {
                    at++;
                }
            } else {
                throw error("a number needs digits");
            }
            if (peek('.')) {
                at++;
                if (!digit()) {
                    throw error("a number needs digits after '.'");
                }
                while (digit()) {
                    at++;
                }
            }
            if (peek('e') || peek('E')) {
                at++;
                if (peek('+') || peek('-')) {
                    at++;
                }
                if (!digit()) {
                    throw error("a number needs digits in its exponent");
                }
                while (digit()) {
                    at++;
                }
            }
            return Double.parseDouble(text.substring(start, at));
        }

        private Object literal(String word, Object value) {
            if (!text.startsWith(word, at)) {
                throw error("unexpected '" + text.charAt(at) + "'");
            }
            at += word.length();
            return value;
        }

        private boolean digit() {
            return at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9';
        }

        private boolean peek(char c) {
            return at < text.length() && text.charAt(at) == c;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("expected '" + c + "'");
            }
            at++;
        }

        private void skipSpace() {
            while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at character " + (at + 1) + (text.isEmpty() ? " (the body is empty)" : ""));
        }
    }
}
