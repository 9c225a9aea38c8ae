package dev.asynckatas.kit.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * The simulation's clock: time moves only when the simulation says so (a test advancing it, or a blocked
 * task waiting for something later).
 *
 * <p>It also notices busy-waiting: code that reads the clock over and over inside one task while time
 * stands still (a {@code while (!timedOut) {}} loop on the main thread) gets a {@link LivelockError}
 * instead of hanging the test.
 */
public final class VirtualClock implements InstantSource {

    /** A fixed, recognisable start: every run of every test sees the same instants. */
    public static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

    static final int SPIN_LIMIT = 100_000;

    private final Simulation sim;
    private Duration elapsed = Duration.ZERO;
    private int readsWhileStill;

    VirtualClock(Simulation sim) {
        this.sim = sim;
    }

    @Override
    public Instant instant() {
        if (sim.currentTask() != null && ++readsWhileStill > SPIN_LIMIT) {
            Advisories.report(Advisories.Kind.BUSY_WAIT, "reads the clock in a loop while time stands still (busy waiting)");
            throw sim.fail(new LivelockError("Busy-waiting: " + sim.currentTask() + " read the clock " + SPIN_LIMIT
                    + " times while time stood still. A loop that polls a flag or the time on one thread never lets"
                    + " the work it waits for run; wait for a callback or a future instead."));
        }
        return START.plus(elapsed);
    }

    /** Time since the simulation started. */
    public Duration elapsed() {
        return elapsed;
    }

    void advanceTo(Duration target) {
        if (target.compareTo(elapsed) > 0) {
            elapsed = target;
            readsWhileStill = 0;
        }
    }

    void taskStarted() {
        readsWhileStill = 0;
    }
}
