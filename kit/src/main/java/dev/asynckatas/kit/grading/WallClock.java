package dev.asynckatas.kit.grading;

import java.time.Duration;
import java.time.Instant;

/**
 * The one place the grader reads real time, for reports only: when a run started and how long it took, which
 * instructors want to see. No verdict depends on it (the hang limit is a timer, not a clock read), and nothing of the
 * simulation or the katas may use it: the architecture rules allow this class alone.
 */
final class WallClock {

    private WallClock() {
    }

    static Instant now() {
        return Instant.now();
    }

    /** A stopwatch started now. */
    static Stopwatch start() {
        long started = System.nanoTime();
        return () -> Duration.ofNanos(System.nanoTime() - started);
    }

    interface Stopwatch {
        Duration elapsed();
    }
}
