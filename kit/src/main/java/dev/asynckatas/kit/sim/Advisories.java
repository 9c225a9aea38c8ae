package dev.asynckatas.kit.sim;

import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Advice for the learner that is not a failure: the main thread blocked on a wait (even briefly), a task polled the
 * clock in a loop. The grader listens while it grades and shows each piece of advice beside the scorecard, with the
 * place in the learner's code; everywhere else nobody listens and reporting costs nothing.
 *
 * <p>The listener is called synchronously on the thread that runs the offending code, so it can read that thread's
 * stack to find the place.
 */
public final class Advisories {

    public enum Kind {
        /** A task on MAIN blocked, waiting for something: the app freezes meanwhile. */
        BLOCKS_MAIN,
        /** A task polled the clock, a timer or a future in a loop while time stood still. */
        BUSY_WAIT
    }

    private static volatile BiConsumer<Kind, String> listener = (kind, what) -> {
    };

    private Advisories() {
    }

    /** Who hears the advice: the grader's test JVM, once, before any test runs. */
    public static void listen(BiConsumer<Kind, String> newListener) {
        listener = Objects.requireNonNull(newListener);
    }

    static void report(Kind kind, String what) {
        listener.accept(kind, what);
    }
}
