package dev.asynckatas.kit.assertions;

import dev.asynckatas.kit.sim.SimFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * How a future ended, as its caller would observe it, read without ever blocking: still pending, a value,
 * cancelled, or failed. Several representations of a cancel are one outcome here: {@code isCancelled()},
 * a {@code CancellationException} thrown by {@code join()}, or one wrapped in a {@code CompletionException}
 * (the JDK's {@code HttpClient} aborts a request that way and {@code isCancelled()} then stays false).
 *
 * <pre>{@code
 * assertThat(FutureOutcome.of(future)).as("the call after the user cancelled it").isInstanceOf(FutureOutcome.Cancelled.class);
 * }</pre>
 */
public sealed interface FutureOutcome {

    /** Not done yet: the caller would still be waiting. */
    record Pending() implements FutureOutcome {
        @Override
        public String toString() {
            return "still pending (never completed)";
        }
    }

    /** Completed with a value ({@code null} for none). */
    record Value(Object value) implements FutureOutcome {
        @Override
        public String toString() {
            return "completed normally with " + value;
        }
    }

    /** Cancelled: the caller sees a {@code CancellationException}, however wrapped. */
    record Cancelled(Throwable seen) implements FutureOutcome {
        @Override
        public String toString() {
            return "cancelled (" + seen + ")";
        }
    }

    /** Failed with {@code error} (unwrapped from {@code CompletionException}/{@code ExecutionException}). */
    record Failed(Throwable error) implements FutureOutcome {
        @Override
        public String toString() {
            return "failed with " + error;
        }
    }

    /** Reads the outcome of {@code future} now. Never blocks. */
    static FutureOutcome of(Future<?> future) {
        if (!future.isDone()) {
            return new Pending();
        }
        if (future.isCancelled()) {
            return new Cancelled(new CancellationException("isCancelled() is true"));
        }
        try {
            return new Value(future.get()); // done: get() returns at once
        } catch (CancellationException cancelled) {
            return new Cancelled(cancelled);
        } catch (ExecutionException failed) {
            return classify(failed.getCause() == null ? failed : failed.getCause());
        } catch (InterruptedException impossible) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("a done future's get() was interrupted", impossible);
        }
    }

    /** The outcome a failure stands for: a cancellation (however wrapped), or an error. */
    static FutureOutcome classify(Throwable failure) {
        if (SimFuture.isCancellation(failure)) {
            return new Cancelled(failure);
        }
        Throwable error = failure;
        while ((error instanceof CompletionException || error instanceof ExecutionException) && error.getCause() != null) {
            error = error.getCause();
        }
        return new Failed(error);
    }

    default boolean isPending() {
        return this instanceof Pending;
    }

    default boolean isCancelled() {
        return this instanceof Cancelled;
    }

    default boolean isFailed() {
        return this instanceof Failed;
    }

    default boolean isValue() {
        return this instanceof Value;
    }
}
