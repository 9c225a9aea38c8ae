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
 * The gallery's network layer with futures, without a future of its own kind: each future is a plain
 * {@code CompletableFuture}, and the bridge listens for its cancel ({@code whenComplete} runs on the cancelling
 * thread before {@code cancel} returns). The request's handle sits in an {@link AtomicReference}; a cancel swaps in
 * {@link #STOPPED}, and a dispatch that finds it there stops what it just started.
 */
public final class AsyncHttpClient {

    /** The handle's place once the caller cancelled. */
    private static final HttpClientTask STOPPED = () -> { };

    private final CallbackHttpClient client;
    private final Executor executor;

    public AsyncHttpClient(CallbackHttpClient client, Executor executor) {
        this.client = client;
        this.executor = executor;
    }

    public CompletableFuture<Response> send(HttpRequest request) {
        CompletableFuture<Response> call = new CompletableFuture<>();
        AtomicReference<HttpClientTask> handle = new AtomicReference<>();
        call.whenComplete((response, failure) -> {
            if (failure instanceof CancellationException) {
                HttpClientTask running = handle.getAndSet(STOPPED);
                if (running != null) {
                    running.cancel();
                }
            }
        });
        try {
            executor.execute(() -> dispatch(request, call, handle));
        } catch (RejectedExecutionException shutDown) {
            call.completeExceptionally(new IOException("cannot send " + request.uri() + ": the executor is shut down", shutDown));
        }
        return call;
    }

    /** On the executor. */
    private void dispatch(HttpRequest request, CompletableFuture<Response> call, AtomicReference<HttpClientTask> handle) {
        if (call.isDone()) {
            return; // cancelled first: nothing is sent (a cancel after this check is caught below)
        }
        HttpClientTask task;
        try {
            task = client.dispatch(request, result -> {
                switch (result) {
                    case Result.Success success -> call.complete(success.response());
                    case Result.Failure failure -> call.completeExceptionally(failure.error());
                }
            });
        } catch (RuntimeException refused) {
            call.completeExceptionally(refused);
            return;
        }
        if (!handle.compareAndSet(null, task)) {
            task.cancel(); // the caller cancelled while dispatch ran
        }
    }

    public CompletableFuture<List<Response>> sendAll(List<HttpRequest> requests) {
        List<CompletableFuture<Response>> calls = requests.stream().map(this::send).toList();
        CompletableFuture<List<Response>> batch = new CompletableFuture<>();
        batch.whenComplete((responses, failure) -> {
            if (failure != null) {
                calls.forEach(call -> call.cancel(true)); // cancelled, or failed: no call is wanted any more
            }
        });
        if (calls.isEmpty()) {
            batch.complete(List.of());
        }
        AtomicInteger remaining = new AtomicInteger(calls.size());
        for (CompletableFuture<Response> call : calls) {
            call.whenComplete((response, failure) -> {
                if (failure != null) {
                    batch.completeExceptionally(failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure);
                } else if (remaining.decrementAndGet() == 0) {
                    batch.complete(calls.stream().map(CompletableFuture::join).toList());
                }
            });
        }
        return batch;
    }

    public Response sendBlocking(HttpRequest request) throws IOException {
        CompletableFuture<Response> call = send(request);
        try {
            return call.get();
        } catch (InterruptedException interrupted) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            CancellationException cancelled = new CancellationException("interrupted while waiting for " + request.uri());
            cancelled.initCause(interrupted);
            throw cancelled;
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof IOException io ? io : new IOException(failed.getCause());
        }
    }
}
