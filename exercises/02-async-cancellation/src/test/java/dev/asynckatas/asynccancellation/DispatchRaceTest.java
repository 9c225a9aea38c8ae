package dev.asynckatas.asynccancellation;

import static dev.asynckatas.asynccancellation.RealGallery.PATIENCE;
import static dev.asynckatas.asynccancellation.SendTest.assertCancelled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.asynckatas.kit.junit.CatchesBug;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The race a flag cannot close, on real threads: the cancel lands while {@code dispatch} is running on the
 * executor's thread, after any check made before it and before the handle it returns is stored. The simulation
 * runs each task whole, so it never stops inside {@code dispatch}; here a {@link StubClient} holds the dispatch
 * open until the cancel has landed (returned, or waits for the dispatch to finish, as a lock held around it
 * would). Then the test waits for a moment, not for a time: the cancel has returned and every task of the
 * executor has run. By then any correct bridge has stopped the request.
 */
class DispatchRaceTest {

    private static final String IMAGE_1 = "/images/1.jpg";

    @Test
    @DisplayName("real threads: a cancel that lands while dispatch is still running stops the request dispatch starts")
    @CatchesBug(Bugs.CANCEL_BEFORE_DISPATCH_LOST)
    void aCancelDuringDispatchIsNotLost() throws Exception {
        StubClient client = StubClient.holdingTheDispatchOf(IMAGE_1);
        try (TrackedExecutor tasks = new TrackedExecutor(); TrackedExecutor user = new TrackedExecutor()) {
            AsyncHttpClient http = new AsyncHttpClient(client, tasks);
            Future<CompletableFuture<Response>> sending = user.submit(() -> http.send(StubClient.request(IMAGE_1)));
            client.awaitInsideHeldDispatch();
            CompletableFuture<Response> call = returnedWhileDispatchRuns(sending, "send()");

            Future<GalleryScene.CancelReturned> cancel = cancelWhileDispatchRuns(user, call);
            client.letHeldDispatchReturn();
            awaitQuiet(tasks, cancel);

            List<StubClient.Request> requests = client.requests();
            assertThat(requests).as("requests dispatched for one call").hasSize(1);
            if (!requests.get(0).wasStopped()) {
                throw new AssertionError("The request whose dispatch was running when the cancel came was never stopped: nobody"
                        + " called cancel() on the handle dispatch returned. A flag checked before dispatch cannot see a cancel"
                        + " that lands during it; the handle must be cancelled once dispatch returns. The client saw " + requests);
            }
            cancel.get().assertCancelledAtOnce("the call cancelled while its dispatch ran");
            assertCancelled(call, "the call cancelled while its dispatch ran");
        } finally {
            client.letHeldDispatchReturn();
        }
    }

    @Test
    @DisplayName("real threads: a batch of three cancelled while the dispatch of its second request runs: every request dispatched is stopped")
    @CatchesBug(Bugs.BATCH_CANCEL_IGNORED)
    void aBatchCancelDuringTheDispatchOfItsMiddleRequestIsNotLost() throws Exception {
        String image2 = "/images/2.jpg";
        StubClient client = StubClient.holdingTheDispatchOf(image2);
        try (TrackedExecutor tasks = new TrackedExecutor(); TrackedExecutor user = new TrackedExecutor()) {
            AsyncHttpClient http = new AsyncHttpClient(client, tasks);
            Future<CompletableFuture<List<Response>>> sending = user.submit(() -> http.sendAll(List.of(
                    StubClient.request(IMAGE_1), StubClient.request(image2), StubClient.request("/images/3.jpg"))));
            client.awaitInsideHeldDispatch();
            CompletableFuture<List<Response>> batch = returnedWhileDispatchRuns(sending, "sendAll()");

            Future<GalleryScene.CancelReturned> cancel = cancelWhileDispatchRuns(user, batch);
            client.letHeldDispatchReturn();
            awaitQuiet(tasks, cancel);

            List<StubClient.Request> requests = client.requests();
            List<StubClient.Request> runningOn = requests.stream().filter(request -> !request.wasStopped()).toList();
            if (!runningOn.isEmpty()) {
                throw new AssertionError("The batch was cancelled while the dispatch of image 2 ran, yet these requests were never"
                        + " stopped: " + runningOn + " (the client saw " + requests + "). Cancelling the batch must stop every"
                        + " request it dispatched, the one whose dispatch was running at that moment too, and each one dispatched"
                        + " later.");
            }
            assertThat(requests).as("requests dispatched: image 2's at least (its dispatch was running)")
                    .anyMatch(request -> request.path.equals(image2));
            cancel.get().assertCancelledAtOnce("the batch cancelled while the dispatch of image 2 ran");
            assertCancelled(batch, "the batch cancelled while the dispatch of image 2 ran");
        } finally {
            client.letHeldDispatchReturn();
        }
    }

    /** What {@code sending} returned: it must return while the dispatch is still held open. */
    private static <T> T returnedWhileDispatchRuns(Future<T> sending, String what) throws InterruptedException, ExecutionException {
        try {
            return sending.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException blocked) {
            throw new AssertionError(what + " did not return while dispatch was still running: it must only start the call and"
                    + " dispatch it on the executor", blocked);
        }
    }

    /** Cancels {@code call} from the user's thread; returns once the cancel returned, or waits inside the kata's code. */
    private static Future<GalleryScene.CancelReturned> cancelWhileDispatchRuns(TrackedExecutor user, CompletableFuture<?> call) {
        AtomicReference<Thread> canceller = new AtomicReference<>();
        Future<GalleryScene.CancelReturned> cancel = user.submit(() -> {
            canceller.set(Thread.currentThread());
            return GalleryScene.cancelNow(call);
        });
        try {
            await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).atMost(PATIENCE)
                    .until(() -> cancel.isDone() || waitsInsideTheKatasCode(canceller.get()));
        } catch (ConditionTimeoutException neither) {
            throw new AssertionError("cancel(true), called while dispatch was running, neither returned nor waited for the"
                    + " dispatch (blocked or waiting inside the kata's code): does it spin?", neither);
        }
        return cancel;
    }

    /** Waits until the cancel has returned and every task given to the executor has run: any correct bridge is done by then. */
    private static void awaitQuiet(TrackedExecutor tasks, Future<GalleryScene.CancelReturned> cancel) throws InterruptedException, ExecutionException {
        try {
            cancel.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException stuck) {
            throw new AssertionError("cancel(true) did not return once dispatch had returned: it waits for something that never"
                    + " comes (a deadlock?)", stuck);
        }
        tasks.awaitIdle(PATIENCE, "the executor's tasks once dispatch had returned");
    }

    /**
     * Whether {@code thread} is blocked or waiting inside the kata's code: a cancel that waits for the dispatch to
     * finish (a lock held around it, as the Swift answer's actor does). The kata's code is any class of the kata's
     * package but the tests' own: a learner may add classes. The first frame of that package from the top of the
     * stack decides: below it the thread is in the JDK, waiting for the kata's code.
     */
    private static boolean waitsInsideTheKatasCode(Thread thread) {
        if (thread == null || !switch (thread.getState()) {
            case BLOCKED, WAITING, TIMED_WAITING -> true;
            default -> false;
        }) {
            return false;
        }
        for (StackTraceElement frame : thread.getStackTrace()) {
            String topLevel = frame.getClassName().split("\\$", 2)[0];
            int lastDot = topLevel.lastIndexOf('.');
            if (lastDot > 0 && topLevel.substring(0, lastDot).equals(AsyncHttpClient.class.getPackageName())) {
                return !TEST_CLASSES.contains(topLevel.substring(lastDot + 1));
            }
        }
        return false;
    }

    /** The tests' own classes in the kata's package that a canceller's stack can show. */
    private static final List<String> TEST_CLASSES = List.of("DispatchRaceTest", "GalleryScene", "StubClient", "TrackedExecutor");
}
