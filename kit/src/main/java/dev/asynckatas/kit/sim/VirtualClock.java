package dev.asynckatas.kit.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * The simulation's clock: time moves only when the simulation says so (a test advancing it, or a blocked
 * task waiting for something later).
 *
 * <p>It also notices busy-waiting: code that polls over and over inside one task while time stands still
 * (reads the clock, asks a timer or a future whether it is done: a {@code while (!timedOut) {}} loop on the
 * main thread) gets a {@link LivelockError} instead of hanging the test. See {@link Simulation#notePoll}.
 */
public final class VirtualClock implements InstantSource {

    /** A fixed, recognisable start: every run of every test sees the same instants. */
    public static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

    static final int SPIN_LIMIT = 100_000;

    private final Simulation sim;
    private Duration elapsed = Duration.ZERO;
    private int pollsWhileStill;

    VirtualClock(Simulation sim) {
        this.sim = sim;
    }

    @Override
    public Instant instant() {
        poll(() -> "the clock");
        return START.plus(elapsed);
    }

    /** Counts one poll by the running task; past {@link #SPIN_LIMIT} polls while time stands still, it is busy-waiting. */
    void poll(java.util.function.Supplier<String> what) {
        if (sim.currentTask() != null && ++pollsWhileStill > SPIN_LIMIT) {
            String polled = what.get();
            Advisories.report(Advisories.Kind.BUSY_WAIT, "polls " + polled + " in a loop while time stands still (busy waiting)");
            throw sim.fail(sim.busyWaiting(polled, SPIN_LIMIT));
        }
    }

    /** Time since the simulation started. */
    public Duration elapsed() {
        return elapsed;
    }

    void advanceTo(Duration target) {
        if (target.compareTo(elapsed) > 0) {
            elapsed = target;
            pollsWhileStill = 0;
        }
    }

    void taskStarted() {
        pollsWhileStill = 0;
    }
}
