package dev.asynckatas.asynccancellation;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * The callback client over the JDK's {@link HttpClient}, like the question's {@code URLSessionHTTPClient} over
 * {@code URLSession}: every image that arrives goes into the {@link ImageCache}, then to the completion.
 *
 * <p>Given by the kata: you do not need to change it.
 */
public final class JdkCallbackHttpClient implements CallbackHttpClient {

    private final HttpClient http;
    private final ImageCache cache;

    /**
     * @param http  the JDK's HTTP client (the simulated one in tests)
     * @param cache where every image that arrives is stored
     */
    public JdkCallbackHttpClient(HttpClient http, ImageCache cache) {
        this.http = http;
        this.cache = cache;
    }

    @Override
    public HttpClientTask dispatch(HttpRequest request, Consumer<Result> completion) {
        CompletableFuture<HttpResponse<byte[]>> exchange;
        try {
            exchange = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IllegalArgumentException | IllegalStateException refused) {
            // An address the client cannot use, or a client that was shut down: nothing was sent.
            completion.accept(new Result.Failure(new IOException("cannot send " + request.uri() + ": " + refused.getMessage(), refused)));
            return () -> { };
        }
        exchange.whenComplete((response, failure) -> {
            if (failure == null) {
                Response image = new Response(request.uri(), response.statusCode(), response.body());
                if (image.isOk()) {
                    cache.store(request.uri(), response.body());
                }
                completion.accept(new Result.Success(image));
            } else {
                completion.accept(new Result.Failure(asIOException(failure)));
            }
        });
        // Since JDK 16, cancel(true) on the client's future aborts the exchange; cancel(false) would not.
        return () -> exchange.cancel(true);
    }

    /** The client's failures, as the question's client reports them: an error, a cancel included. */
    private static IOException asIOException(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof IOException io) {
            return io;
        }
        if (cause instanceof CancellationException cancelled) {
            return cancelled.getCause() instanceof IOException io ? io : new IOException("Request cancelled", cancelled);
        }
        return new IOException(cause);
    }
}
