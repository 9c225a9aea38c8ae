package dev.asynckatas.groupwaiting;

import dev.asynckatas.kit.http.PlainHttpClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLSession;

/**
 * The smallest {@code HttpClient} for a model-checked test: the manifest is answered at once, and each ad file's
 * exchange stays in flight until a test thread {@linkplain Exchange#answer answers} it, so that the thread that answers
 * is the thread the download completes on, as with the JDK's client. Nothing touches a socket, a clock or a simulation:
 * the model checker interleaves every shared access, and a small fake keeps that cheap.
 */
final class RaceHttpClient extends PlainHttpClient {

    private final String manifest;
    /**
     * The ad files' exchanges, by name, once their request has left. A plain map: the requests leave while the test
     * builds its state, before the threads that answer them start.
     */
    private final Map<String, Exchange<?>> inFlight = new HashMap<>();

    RaceHttpClient(String manifest) {
        this.manifest = manifest;
    }

    /** The exchange of the ad file {@code name}, whose request has left. */
    Exchange<?> exchangeFor(String name) {
        Exchange<?> exchange = inFlight.get(name);
        if (exchange == null) {
            throw new IllegalStateException("the app never asked for " + name);
        }
        return exchange;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        String path = request.uri().getPath();
        if (path.equals("/ads/manifest")) {
            Exchange<T> answered = new Exchange<>((T) manifest);
            answered.answer();
            return answered;
        }
        Exchange<T> exchange = new Exchange<>(null); // the file's body goes to disk; the ad API reads the status only
        inFlight.put(path.substring("/ads/".length()), exchange);
        return exchange;
    }

    /**
     * One exchange: a future that completes on the thread that answers it. Its {@code *Async} stages without an
     * executor run there too (the JDK's would run in its own pool, which a model-checked test must not leave running).
     */
    static final class Exchange<T> extends CompletableFuture<HttpResponse<T>> {
        private final T body;

        Exchange(T body) {
            this.body = body;
        }

        /** The server sends the whole file (HTTP 200), now: the exchange completes on the calling thread. */
        void answer() {
            complete(new Response<>(body));
        }

        @Override
        public <U> CompletableFuture<U> newIncompleteFuture() {
            return new InlineStage<>();
        }

        @Override
        public Executor defaultExecutor() {
            return Runnable::run;
        }
    }

    /** A stage derived from an exchange: its default executor is the calling thread as well. */
    static final class InlineStage<U> extends CompletableFuture<U> {
        @Override
        public <V> CompletableFuture<V> newIncompleteFuture() {
            return new InlineStage<>();
        }

        @Override
        public Executor defaultExecutor() {
            return Runnable::run;
        }
    }

    /**
     * An answer with HTTP 200. It keeps nothing of the request: every object a check can reach is one more class for the
     * model checker to instrument when the check starts, and the ad API reads the status and the body only.
     */
    private record Response<T>(T body) implements HttpResponse<T> {
        @Override
        public int statusCode() {
            return 200;
        }

        @Override
        public Optional<HttpResponse<T>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public HttpHeaders headers() {
            throw new UnsupportedOperationException("the ad API reads the status and the body only");
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public HttpRequest request() {
            throw new UnsupportedOperationException("the ad API reads the status and the body only");
        }

        @Override
        public URI uri() {
            throw new UnsupportedOperationException("the ad API reads the status and the body only");
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
