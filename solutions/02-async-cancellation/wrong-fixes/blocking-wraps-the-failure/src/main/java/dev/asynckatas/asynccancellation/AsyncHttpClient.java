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
import java.util.concurrent.atomic.AtomicReference;

/**
 * The gallery's network layer with futures: a bridge over the {@link CallbackHttpClient}, as the asker built
 * an async/await bridge over their {@code dispatch(request, completion)}.
 *
 * <p>Callers rely on this: {@code send} returns at once, before anything is sent, and the request is
 * dispatched on {@code executor} (the gallery calls from the main thread, which must never wait for the
 * network layer); cancelling a future stops its request, however far it got; a cancel is reported as a
 * cancel ({@code CancellationException}), never as an error.
 *
 * <p>The future a caller holds is itself the request's handle (a {@link Call}): its {@code cancel} is the
 * Swift answer's cancellation handler, and a small atomic state, the answer's actor, decides what a cancel
 * means at each moment. The lesson: docs/02-async-cancellation.md
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
        Call call = new Call(client, request);
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
            throw new IOException("could not load " + request.uri(), failed.getCause()); // the mistake: the client's error, wrapped
        }
    }

    /**
     * One request and the future its caller holds. The state says what a cancel must do:
     * <ul>
     *   <li>{@code READY}: not dispatched yet; a cancel means it never will be (SE-0304: the cancellation
     *       handler may run before the operation starts);
     *   <li>{@code DISPATCHING}: {@code dispatch} is running on the executor; a cancel now is honoured as soon
     *       as it returns the handle;
     *   <li>{@link Executing}: in flight; a cancel aborts it through its handle;
     *   <li>{@code CANCELLED}: final.
     * </ul>
     * Every change is one compare-and-set, so a cancel racing the dispatch is never lost, and the cancel never
     * waits for anything (a cancellation handler cannot await).
     */
    private static final class Call extends CompletableFuture<Response> {

        private sealed interface State permits Phase, Executing {
        }

        private enum Phase implements State { READY, DISPATCHING, CANCELLED }

        private record Executing(HttpClientTask task) implements State {
        }

        private final CallbackHttpClient client;
        private final HttpRequest request;
        private final AtomicReference<State> state = new AtomicReference<>(Phase.READY);

        Call(CallbackHttpClient client, HttpRequest request) {
            this.client = client;
            this.request = request;
        }

        /** On the executor. */
        void dispatch() {
            if (!state.compareAndSet(Phase.READY, Phase.DISPATCHING)) {
                return; // cancelled before it was dispatched: nothing is sent
            }
            HttpClientTask task;
            try {
                task = client.dispatch(request, this::finished);
            } catch (RuntimeException refused) {
                completeExceptionally(refused);
                return;
            }
            if (!state.compareAndSet(Phase.DISPATCHING, new Executing(task))) {
                task.cancel(); // cancelled while dispatch ran: stop what it just started
            }
        }

        /** The callback; exactly one outcome wins: after a cancel these completions are no-ops. */
        private void finished(Result result) {
            switch (result) {
                case Result.Success success -> complete(success.response());
                case Result.Failure failure -> completeExceptionally(failure.error());
            }
        }

        /**
         * Cancels the future first, so that the caller sees a cancel and never the {@code IOException} that the
         * aborted request reports a moment later; then stops the request according to how far it got. As
         * {@code CompletableFuture} says, {@code mayInterruptIfRunning} makes no difference: any cancel stops it.
         */
        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            if (cancelled && state.getAndSet(Phase.CANCELLED) instanceof Executing(HttpClientTask task)) {
                task.cancel();
            }
            return cancelled;
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
