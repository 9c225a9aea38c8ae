package dev.asynckatas.kit.races;

import java.time.Duration;

/**
 * The clock of a {@link RaceCheck}'s time limit: a guard against a check that would hold the grader for long on a
 * slow machine, not part of the verdict's logic (the number of interleavings is what makes a check deterministic).
 * The one class of the kit outside its real face allowed to read the clock (see the architecture rules).
 */
final class Budget {

    /**
     * The real clock, read through a method reference on purpose: the model checker makes every call to
     * {@code System.nanoTime} it instruments return a constant (for determinism), and it does not instrument the
     * classes the JVM generates for lambdas and method references, so this one reads real time.
     */
    private static final java.util.function.LongSupplier CLOCK = System::nanoTime;

    private Budget() {
    }

    /** The time taken since an earlier reading of {@link #now()}, for reports. */
    static Duration since(long start) {
        return Duration.ofNanos(CLOCK.getAsLong() - start);
    }

    static long now() {
        return CLOCK.getAsLong();
    }
}
