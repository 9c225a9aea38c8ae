package dev.asynckatas.asynccancellation;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** What the caller of the blocking call saw: a response, or what it threw, and its interrupt status then. */
record CallerSaw(Response response, Throwable thrown, boolean interruptedAfterwards) {

    interface BlockingCall {
        Response call() throws IOException;
    }

    /** Makes the call on this thread and records what came of it. */
    static CallerSaw calling(BlockingCall call) {
        try {
            Response response = call.call();
            return new CallerSaw(response, null, Thread.currentThread().isInterrupted());
        } catch (IOException | RuntimeException thrown) {
            return new CallerSaw(null, thrown, Thread.currentThread().isInterrupted());
        }
    }

    /** What the caller saw, once it saw it; fails with {@code stillWaiting} when it is still waiting after {@code atMost}. */
    static CallerSaw await(CompletableFuture<CallerSaw> saw, Duration atMost, String stillWaiting) throws InterruptedException, ExecutionException {
        try {
            return saw.get(atMost.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException timedOut) {
            throw new AssertionError(stillWaiting + " (still waiting after " + atMost.toSeconds() + " s)", timedOut);
        }
    }

    @Override
    public String toString() {
        return (thrown != null ? "it threw " + thrown : "it returned " + response) + ", interrupt status " + interruptedAfterwards;
    }
}
