package dev.asynckatas.asynccancellation;

import static dev.asynckatas.asynccancellation.RealGallery.PATIENCE;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A callback client without a network, for the tests on real threads: it records every dispatch and every cancel
 * of the handle it returns, as the server would see them. A request never answers by itself: the test answers
 * it, or its handle's cancel ends it with {@code IOException("Request cancelled")}, once, as the real client does
 * (after the request has finished a cancel does nothing: {@link HttpClientTask}'s contract). The dispatch of the
 * held path does not return until the test lets it, so that a cancel can land while {@code dispatch} runs.
 */
final class StubClient implements CallbackHttpClient {

    static final URI SERVER = URI.create("http://images.test");

    /** One dispatched request, as the client saw it. */
    static final class Request {
        final String path;
        private final Consumer<Result> completion;
        private final AtomicBoolean finished = new AtomicBoolean();
        private final AtomicBoolean cancelled = new AtomicBoolean();

        Request(String path, Consumer<Result> completion) {
            this.path = path;
            this.completion = completion;
        }

        /** The server's answer; nothing if the request has finished already. */
        void answer(Result result) {
            if (finished.compareAndSet(false, true)) {
                completion.accept(result);
            }
        }

        /** Whether its handle's cancel was called while it was running: the request was stopped. */
        boolean wasStopped() {
            return cancelled.get();
        }

        private void cancel() {
            if (finished.compareAndSet(false, true)) {
                cancelled.set(true);
                completion.accept(new Result.Failure(new IOException("Request cancelled")));
            }
        }

        @Override
        public String toString() {
            return path + (cancelled.get() ? " (stopped by its handle)" : finished.get() ? " (answered)" : " (still running)");
        }
    }

    private final String heldPath;
    private final CountDownLatch insideHeldDispatch = new CountDownLatch(1);
    private final CountDownLatch letHeldDispatchReturn = new CountDownLatch(1);
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private StubClient(String heldPath) {
        this.heldPath = heldPath;
    }

    /** Every dispatch returns at once. */
    static StubClient answeringLater() {
        return new StubClient(null);
    }

    /** The dispatch of {@code path} does not return until {@link #letHeldDispatchReturn()}. */
    static StubClient holdingTheDispatchOf(String path) {
        return new StubClient(path);
    }

    static HttpRequest request(String path) {
        return HttpRequest.newBuilder(SERVER.resolve(path)).GET().build();
    }

    @Override
    public HttpClientTask dispatch(HttpRequest httpRequest, Consumer<Result> completion) {
        Request request = new Request(httpRequest.uri().getPath(), completion);
        requests.add(request);
        if (request.path.equals(heldPath)) {
            insideHeldDispatch.countDown();
            try {
                if (!letHeldDispatchReturn.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never let the dispatch of " + heldPath + " return");
                }
            } catch (InterruptedException shutDown) {
                Thread.currentThread().interrupt();
            }
        }
        return request::cancel;
    }

    /** Waits until the held dispatch has begun. */
    void awaitInsideHeldDispatch() throws InterruptedException {
        if (!insideHeldDispatch.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("dispatch(" + heldPath + ") was never called within " + PATIENCE.toSeconds() + " s: the request"
                    + " must be dispatched on the executor; the client saw " + requests);
        }
    }

    void letHeldDispatchReturn() {
        letHeldDispatchReturn.countDown();
    }

    /** Every request dispatched so far, in order. */
    List<Request> requests() {
        return List.copyOf(requests);
    }
}
