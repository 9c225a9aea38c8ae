package dev.asynckatas.asynccancellation;

import static dev.asynckatas.asynccancellation.RealGallery.PATIENCE;
import static dev.asynckatas.asynccancellation.RealGallery.assertServerSawTheAbort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.asynckatas.kit.junit.CatchesBug;
import dev.asynckatas.kit.real.SlowBodyServer.Served;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Kata 02's blocking call, {@code sendBlocking}, on virtual threads (it blocks: the simulation cannot run it):
 * what it returns, what it throws, and what an interrupt does, before the call or while it waits. Every wait is
 * bounded and says what did not happen; never a sleep.
 */
class BlockingCallTest {

    private static final String IMAGE_1 = "/images/1.jpg";

    @Test
    @DisplayName("real sockets: the blocking call on a virtual thread returns the whole 1 MB image, which lands in the cache")
    void returnsTheImage() throws Exception {
        try (RealGallery real = new RealGallery(); TrackedExecutor callers = new TrackedExecutor()) {
            CompletableFuture<CallerSaw> saw = new CompletableFuture<>();
            callers.execute(() -> saw.complete(CallerSaw.calling(() -> real.http.sendBlocking(real.request(IMAGE_1)))));
            real.awaitRequest(IMAGE_1).releaseAll();

            CallerSaw seen = CallerSaw.await(saw, PATIENCE, "sendBlocking did not return once the whole image had been sent");
            assertThat(seen.thrown()).as("what sendBlocking threw for an image the server sent whole: " + seen).isNull();
            assertThat(seen.response().statusCode()).as("the status sendBlocking returned").isEqualTo(200);
            assertThat(seen.response().body()).as("the body sendBlocking returned").hasSize(real.server.bodyBytes());
            assertThat(seen.interruptedAfterwards()).as("the caller's interrupt status after a call nobody interrupted").isFalse();
            assertThat(real.cache.contains(real.server.uri(IMAGE_1))).as("the image in the cache").isTrue();
        }
    }

    @Test
    @DisplayName("a connection reset while the caller waits: the blocking call throws the client's IOException, not a cancel, and leaves the interrupt status alone")
    void throwsTheClientsError() throws Exception {
        StubClient client = StubClient.answeringLater();
        try (TrackedExecutor tasks = new TrackedExecutor(); TrackedExecutor callers = new TrackedExecutor()) {
            AsyncHttpClient http = new AsyncHttpClient(client, tasks);
            CompletableFuture<CallerSaw> saw = new CompletableFuture<>();
            callers.execute(() -> saw.complete(CallerSaw.calling(() -> http.sendBlocking(StubClient.request(IMAGE_1)))));
            StubClient.Request request = awaitDispatch(client);

            request.answer(new Result.Failure(new IOException("Connection reset")));

            CallerSaw seen = CallerSaw.await(saw, PATIENCE, "sendBlocking did not return once its request had failed");
            assertThat(seen.thrown()).as("what sendBlocking threw after a connection reset: an IOException that is or wraps the"
                    + " client's (a failure is not a cancel; the caller shows it, and may try again); " + seen)
                    .isInstanceOf(IOException.class)
                    .satisfies(thrown -> assertThat(Stream.iterate(thrown, t -> t != null, Throwable::getCause))
                            .as("the messages of what sendBlocking threw and its causes")
                            .anyMatch(t -> String.valueOf(t.getMessage()).contains("Connection reset")));
            assertThat(seen.interruptedAfterwards()).as("the caller's interrupt status after a failure: nobody interrupted it").isFalse();
        }
    }

    @Test
    @DisplayName("real sockets: the blocking call on a virtual thread, interrupted: the request is aborted, the caller sees a cancel, the interrupt status is set again")
    @CatchesBug(Bugs.INTERRUPT_SWALLOWED)
    void interruptingTheBlockingCallAbortsTheRequest() throws Exception {
        try (RealGallery real = new RealGallery(); TrackedExecutor callers = new TrackedExecutor()) {
            CompletableFuture<CallerSaw> saw = new CompletableFuture<>();
            Future<?> caller = callers.submit(() -> saw.complete(CallerSaw.calling(() -> real.http.sendBlocking(real.request(IMAGE_1)))));
            Served served = real.awaitRequest(IMAGE_1);

            caller.cancel(true); // an ExecutorService's future interrupts the thread that runs the task

            CallerSaw seen = CallerSaw.await(saw, PATIENCE, "sendBlocking did not return after its thread was interrupted: it must"
                    + " give up at once (join() cannot be interrupted, and a loop that catches InterruptedException and waits again"
                    + " never lets go)");
            assertThat(seen.thrown()).as("what sendBlocking threw when its thread was interrupted: the caller should see a"
                    + " cancel (CancellationException), not " + seen).isInstanceOf(CancellationException.class);
            assertThat(seen.interruptedAfterwards()).as("the caller's interrupt status after sendBlocking gave up: it must be set"
                    + " again, so that whoever interrupted the thread (an executor shutting down, a structured scope) sees it").isTrue();
            assertServerSawTheAbort(served, "The image download after the caller's thread was interrupted");
        }
    }

    @Test
    @DisplayName("interrupted before the call: the blocking call throws a cancel at once, keeps the interrupt status, and nothing it sent runs on")
    @CatchesBug(Bugs.INTERRUPT_SWALLOWED)
    void anInterruptBeforeTheCallStopsIt() throws Exception {
        StubClient client = StubClient.answeringLater(); // its requests never answer: only a cancel ends them
        try (TrackedExecutor tasks = new TrackedExecutor(); TrackedExecutor callers = new TrackedExecutor()) {
            AsyncHttpClient http = new AsyncHttpClient(client, tasks);
            CompletableFuture<CallerSaw> saw = new CompletableFuture<>();
            callers.execute(() -> {
                Thread.currentThread().interrupt(); // the thread's owner cancelled it before it got here
                saw.complete(CallerSaw.calling(() -> http.sendBlocking(StubClient.request(IMAGE_1))));
            });

            CallerSaw seen = CallerSaw.await(saw, PATIENCE, "sendBlocking, called on a thread already interrupted, waited for the"
                    + " response instead of giving up at once (was the interrupt status cleared before waiting?)");
            assertThat(seen.thrown()).as("what sendBlocking threw on a thread interrupted before the call: the caller should see a"
                    + " cancel (CancellationException), not " + seen).isInstanceOf(CancellationException.class);
            assertThat(seen.interruptedAfterwards()).as("the caller's interrupt status after sendBlocking gave up: whoever"
                    + " interrupted the thread must still see it").isTrue();
            tasks.awaitIdle(PATIENCE, "the executor's tasks after the interrupted call");
            List<StubClient.Request> runningOn = client.requests().stream().filter(request -> !request.wasStopped()).toList();
            assertThat(runningOn).as("requests dispatched for a call whose thread was interrupted before it began, and never"
                    + " stopped (nobody waits for them any more)").isEmpty();
        }
    }

    private static StubClient.Request awaitDispatch(StubClient client) {
        try {
            await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).atMost(PATIENCE).until(() -> !client.requests().isEmpty());
        } catch (ConditionTimeoutException never) {
            throw new AssertionError("the request was never dispatched", never);
        }
        return client.requests().get(0);
    }
}
