package dev.asynckatas.asynccancellation;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * The gallery's network layer with futures: a bridge over the {@link CallbackHttpClient}, as the asker built
 * an async/await bridge over their {@code dispatch(request, completion)}.
 *
 * <p>Callers rely on this: {@code send} returns at once, before anything is sent, and the request is
 * dispatched on {@code executor} (the gallery calls from the main thread, which must never wait for the
 * network layer); cancelling a future stops its request, however far it got; a cancel is reported as a
 * cancel ({@code CancellationException}), never as an error.
 *
 * <p>KATA 02: this is the asker's bridge, translated to Java. Loading works; cancelling does not stop
 * anything. Make every cancel stop its request. The lesson: docs/02-async-cancellation.md
 */
public final class AsyncHttpClient {

    private final CallbackHttpClient client;
    private final Executor executor;

    /**
     * @param client   the callback client that does the requests
     * @param executor where requests are dispatched, like the {@code Task { }} of the Swift original
     */
    public AsyncHttpClient(CallbackHttpClient client, Executor executor) {
        this.client = client;
        this.executor = executor;
    }

    /**
     * Sends {@code request}. The future completes with the response (any HTTP status), or fails with the
     * client's {@code IOException}; cancelling it stops the request.
     */
    public CompletableFuture<Response> send(HttpRequest request) {
        // Swift: Task { try await withCheckedThrowingContinuation { continuation in dispatch(request) { ... } } }
        CompletableFuture<Response> continuation = new CompletableFuture<>();
        executor.execute(() -> client.dispatch(request, result -> {
            switch (result) {
                case Result.Success success -> continuation.complete(success.response());
                case Result.Failure failure -> continuation.completeExceptionally(failure.error());
            }
        }));
        return continuation;
    }

    /**
     * Sends every request at once. The future completes with the responses in the order of the requests, or
     * fails with the first failure; cancelling it, or a failure of one request, stops every request still
     * running.
     */
    public CompletableFuture<List<Response>> sendAll(List<HttpRequest> requests) {
        List<CompletableFuture<Response>> calls = requests.stream().map(this::send).toList();
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
                .thenApply(allDone -> calls.stream().map(CompletableFuture::join).toList());
    }

    /**
     * Sends {@code request} and waits for the response: for code running on a virtual thread. Interrupting
     * the waiting thread stops the request; the caller then gets a {@code CancellationException}, and the
     * thread's interrupt status stays set for whoever interrupted it.
     */
    public Response sendBlocking(HttpRequest request) throws IOException {
        try {
            return send(request).get();
        } catch (InterruptedException interrupted) {
            throw new IOException("interrupted while waiting for " + request.uri(), interrupted);
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof IOException io ? io : new IOException(failed.getCause());
        }
    }
}
