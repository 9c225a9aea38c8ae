package dev.asynckatas.asynccancellation;

import static dev.asynckatas.asynccancellation.RealGallery.PATIENCE;
import static dev.asynckatas.asynccancellation.RealGallery.assertServerSawTheAbort;
import static dev.asynckatas.asynccancellation.SendTest.assertCancelled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.asynckatas.kit.junit.CatchesBug;
import dev.asynckatas.kit.real.SlowBodyServer.Served;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Kata 02 on real threads and real sockets: the JDK's HttpClient against a server that notices a client going
 * away mid-body, virtual threads, latches and Awaitility; never a sleep.
 */
class CancellationIntegrationTest {

    @Test
    @DisplayName("real sockets: loads a whole 1 MB image and caches it")
    void loadsAWholeImage() throws Exception {
        try (RealGallery real = new RealGallery()) {
            CompletableFuture<Response> call = real.http.send(real.request("/images/1.jpg"));
            real.awaitRequest("/images/1.jpg").releaseAll();

            Response image = call.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(image.statusCode()).isEqualTo(200);
            assertThat(image.body()).hasSize(real.server.bodyBytes());
            assertThat(real.cache.contains(real.server.uri("/images/1.jpg"))).as("the image in the cache").isTrue();
        }
    }

    @Test
    @DisplayName("real sockets: cancelled while the body streams, the server sees the client go away promptly")
    @CatchesBug(Bugs.CANCEL_IN_FLIGHT_IGNORED)
    void cancelInFlightAbortsTheExchange() throws Exception {
        try (RealGallery real = new RealGallery()) {
            CompletableFuture<Response> call = real.http.send(real.request("/images/1.jpg"));
            Served served = real.awaitRequest("/images/1.jpg"); // headers and the first 16 KB are out

            boolean cancelled = call.cancel(true);

            assertServerSawTheAbort(served, "The image download after its call was cancelled mid-body");
            assertThat(cancelled).as("what cancel(true) returned").isTrue();
            assertCancelled(call, "the call after it was cancelled");
            assertThat(real.cache.writes()).as("images written to the cache after the cancel").isEmpty();
        }
    }

    @Test
    @DisplayName("real sockets: the blocking call on a virtual thread, interrupted: the request is aborted, the caller sees a cancel, the interrupt status is set again")
    @CatchesBug(Bugs.INTERRUPT_SWALLOWED)
    void interruptingTheBlockingCallAbortsTheRequest() throws Exception {
        ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
        try (RealGallery real = new RealGallery()) {
            CompletableFuture<CallerSaw> saw = new CompletableFuture<>();
            Future<?> caller = callers.submit(() -> saw.complete(CallerSaw.calling(() -> real.http.sendBlocking(real.request("/images/1.jpg")))));
            Served served = real.awaitRequest("/images/1.jpg");

            caller.cancel(true); // an ExecutorService's future interrupts the thread that runs the task

            CallerSaw seen;
            try {
                seen = saw.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            } catch (TimeoutException stillWaiting) {
                throw new AssertionError("sendBlocking did not return within " + PATIENCE.toSeconds() + " s of its thread being"
                        + " interrupted: it must give up at once (join() cannot be interrupted, and a loop that catches"
                        + " InterruptedException and waits again never lets go)", stillWaiting);
            }
            assertThat(seen.thrown()).as("what sendBlocking threw when its thread was interrupted: the caller should see a"
                    + " cancel (CancellationException), not " + seen).isInstanceOf(CancellationException.class);
            assertThat(seen.interruptedAfterwards()).as("the caller's interrupt status after sendBlocking gave up: it must be set"
                    + " again, so that whoever interrupted the thread (an executor shutting down, a structured scope) sees it").isTrue();
            assertServerSawTheAbort(served, "The image download after the caller's thread was interrupted");
        } finally {
            callers.shutdownNow(); // never waits: a caller that hangs must not hang the test
        }
    }

    /**
     * The race a flag cannot close: the cancel lands while {@code dispatch} is running on the executor's thread, after
     * any check made before it and before the handle it returns is stored. Real threads: the dispatch is held open by a
     * latch until the cancel has landed (returned, or waits for the dispatch to finish, as a lock held around it would).
     */
    @Test
    @DisplayName("real threads: a cancel that lands while dispatch is still running stops the request dispatch starts")
    @CatchesBug(Bugs.CANCEL_BEFORE_DISPATCH_LOST)
    void aCancelDuringDispatchIsNotLost() throws Exception {
        HeldDispatch client = new HeldDispatch();
        ExecutorService tasks = Executors.newVirtualThreadPerTaskExecutor();
        ExecutorService user = Executors.newVirtualThreadPerTaskExecutor();
        try {
            AsyncHttpClient http = new AsyncHttpClient(client, tasks);
            Future<CompletableFuture<Response>> sending = user.submit(() -> http.send(HttpRequest.newBuilder(URI.create("http://images.test/1.jpg")).build()));
            assertThat(client.insideDispatch.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("dispatch was called").isTrue();
            CompletableFuture<Response> call;
            try {
                call = sending.get(RealGallery.ABORT_PATIENCE.toSeconds(), TimeUnit.SECONDS);
            } catch (TimeoutException blocked) {
                throw new AssertionError("send() did not return while dispatch was still running: send must only start the call"
                        + " and dispatch it on the executor", blocked);
            }

            AtomicReference<Thread> canceller = new AtomicReference<>();
            Future<Boolean> cancel = user.submit(() -> {
                canceller.set(Thread.currentThread());
                return call.cancel(true);
            });
            await().pollDelay(Duration.ZERO).atMost(PATIENCE).until(() -> cancel.isDone() || waitsInsideTheBridge(canceller.get()));
            client.letDispatchReturn.countDown();

            try {
                await().pollDelay(Duration.ZERO).atMost(RealGallery.ABORT_PATIENCE).untilTrue(client.handleCancelled);
            } catch (org.awaitility.core.ConditionTimeoutException runsOn) {
                throw new AssertionError("The request whose dispatch was running when the cancel came was never stopped: nobody"
                        + " called cancel() on the handle dispatch returned. A flag checked before dispatch cannot see a cancel"
                        + " that lands during it; the handle must be cancelled once dispatch returns.", runsOn);
            }
            assertThat(cancel.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("what cancel(true) returned").isTrue();
            assertCancelled(call, "the call cancelled during its dispatch");
        } finally {
            client.letDispatchReturn.countDown();
            tasks.shutdownNow();
            user.shutdownNow();
        }
    }

    /** Whether {@code thread} waits inside the bridge's code: a cancel that waits for the dispatch to finish (a lock held around it). */
    private static boolean waitsInsideTheBridge(Thread thread) {
        if (thread == null || !switch (thread.getState()) {
            case BLOCKED, WAITING, TIMED_WAITING -> true;
            default -> false;
        }) {
            return false;
        }
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getClassName().startsWith(AsyncHttpClient.class.getName())) {
                return true;
            }
        }
        return false;
    }

    /** What the caller of the blocking call saw: a response, or what it threw, and its interrupt status then. */
    record CallerSaw(Response response, Throwable thrown, boolean interruptedAfterwards) {

        interface BlockingCall {
            Response call() throws IOException;
        }

        static CallerSaw calling(BlockingCall call) {
            try {
                Response response = call.call();
                return new CallerSaw(response, null, Thread.currentThread().isInterrupted());
            } catch (IOException | RuntimeException thrown) {
                return new CallerSaw(null, thrown, Thread.currentThread().isInterrupted());
            }
        }

        @Override
        public String toString() {
            return (thrown != null ? "it threw " + thrown : "it returned " + response) + ", interrupt status " + interruptedAfterwards;
        }
    }

    /** A callback client whose dispatch the test holds open; its handle records a cancel and then reports it, as the real one does. */
    private static final class HeldDispatch implements CallbackHttpClient {
        final CountDownLatch insideDispatch = new CountDownLatch(1);
        final CountDownLatch letDispatchReturn = new CountDownLatch(1);
        final AtomicBoolean handleCancelled = new AtomicBoolean();

        @Override
        public HttpClientTask dispatch(HttpRequest request, Consumer<Result> completion) {
            insideDispatch.countDown();
            try {
                if (!letDispatchReturn.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never let dispatch return");
                }
            } catch (InterruptedException shutDown) {
                Thread.currentThread().interrupt();
            }
            return () -> {
                if (handleCancelled.compareAndSet(false, true)) {
                    completion.accept(new Result.Failure(new IOException("Request cancelled")));
                }
            };
        }
    }
}
