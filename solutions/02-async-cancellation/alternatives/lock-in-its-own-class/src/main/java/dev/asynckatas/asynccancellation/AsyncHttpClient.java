package dev.asynckatas.asynccancellation;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gallery's network layer with futures: a bridge over the {@link CallbackHttpClient}, as the asker built
 * an async/await bridge over their {@code dispatch(request, completion)}.
 *
 * <p>Callers rely on this: {@code send} returns at once, before anything is sent, and the request is
 * dispatched on {@code executor} (the gallery calls from the main thread, which must never wait for the
 * network layer); cancelling a future stops its request, however far it got; a cancel is reported as a
 * cancel ({@code CancellationException}), never as an error.
 *
 * <p>The future a caller holds is itself the request's handle (a {@link CancellableCall}), whose state is
 * guarded by a lock held around the dispatch. The lesson: docs/02-async-cancellation.md
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
        CancellableCall call = new CancellableCall(client, request);
        try {
            executor.execute(call::dispatch);
        } catch (RejectedExecutionException shutDown) {
            call.completeExceptionally(new IOException("cannot send " + request.uri() + ": the executor is shut down", shutDown));
        }
        return call;
    }

    /**
     * Sends every request at once. The future completes with the responses in the order of the requests, or
     * fails with the first failure; cancelling it, or a failure of one request, stops every request still
     * running.
     */
    public CompletableFuture<List<Response>> sendAll(List<HttpRequest> requests) {
        return new Batch(requests.stream().map(this::send).toList());
    }

    /**
     * Sends {@code request} and waits for the response: for code running on a virtual thread. Interrupting
     * the waiting thread stops the request; the caller then gets a {@code CancellationException}, and the
     * thread's interrupt status stays set for whoever interrupted it.
     */
    public Response sendBlocking(HttpRequest request) throws IOException {
        CompletableFuture<Response> call = send(request);
        try {
            return call.get();
        } catch (InterruptedException interrupted) {
            call.cancel(true);                   // stop the request: nobody waits for it any more
            Thread.currentThread().interrupt();  // and keep the news for whoever interrupted us
            CancellationException cancelled = new CancellationException("interrupted while waiting for " + request.uri());
            cancelled.initCause(interrupted);
            throw cancelled;
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof IOException io ? io : new IOException(failed.getCause());
        }
    }

    /**
     * The future of a batch: the responses in request order, or the first failure. Cancelling it cancels every
     * call; the first failure cancels every other call. ({@code CompletableFuture.allOf(...).cancel(true)} would
     * cancel none of them.)
     */
    private static final class Batch extends CompletableFuture<List<Response>> {

        private final List<CompletableFuture<Response>> calls;
        private final AtomicInteger remaining;

        Batch(List<CompletableFuture<Response>> calls) {
            this.calls = calls;
            this.remaining = new AtomicInteger(calls.size());
            if (calls.isEmpty()) {
                complete(List.of());
            }
            for (CompletableFuture<Response> call : calls) {
                call.whenComplete((response, failure) -> {
                    if (failure != null) {
                        failed(failure);
                    } else if (remaining.decrementAndGet() == 0) {
                        complete(calls.stream().map(CompletableFuture::join).toList()); // all done: join returns at once
                    }
                });
            }
        }

        private void failed(Throwable failure) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (completeExceptionally(cause)) {
                stopEveryCall(); // the first failure: the batch can no longer succeed, so stop the others
            }
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            if (cancelled) {
                stopEveryCall();
            }
            return cancelled;
        }

        private void stopEveryCall() {
            calls.forEach(call -> call.cancel(true));
        }
    }
}
