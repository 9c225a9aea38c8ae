package dev.asynckatas.asynccancellation;

import java.net.http.HttpRequest;
import java.util.concurrent.CompletableFuture;

/**
 * One request and the future its caller holds, as the Swift answer's actor keeps it: one lock guards whether the
 * caller cancelled and the request's handle, and it is held while {@code dispatch} runs, so a cancel that comes
 * meanwhile waits for the handle and then stops it. ({@code dispatch} only starts the request and returns; a
 * client that could block there would make the cancel block too.)
 */
final class CancellableCall extends CompletableFuture<Response> {

    private final CallbackHttpClient client;
    private final HttpRequest request;
    private final Object lock = new Object();
    private boolean cancelled;   // guarded by lock
    private HttpClientTask task; // guarded by lock

    CancellableCall(CallbackHttpClient client, HttpRequest request) {
        this.client = client;
        this.request = request;
    }

    /** On the executor. */
    void dispatch() {
        synchronized (lock) {
            if (cancelled) {
                return; // cancelled before it was dispatched: nothing is sent
            }
            try {
                task = client.dispatch(request, this::finished);
            } catch (RuntimeException refused) {
                completeExceptionally(refused);
            }
        }
    }

    private void finished(Result result) {
        switch (result) {
            case Result.Success success -> complete(success.response());
            case Result.Failure failure -> completeExceptionally(failure.error());
        }
    }

    /** The future first (the caller sees a cancel, never the abort's error), then the request, however far it got. */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean done = super.cancel(mayInterruptIfRunning);
        if (done) {
            HttpClientTask running;
            synchronized (lock) { // waits while dispatch runs
                cancelled = true;
                running = task;
            }
            if (running != null) {
                running.cancel();
            }
        }
        return done;
    }
}
