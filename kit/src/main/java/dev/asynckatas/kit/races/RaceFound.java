package dev.asynckatas.kit.races;

/**
 * A {@link RaceCheck} failed: in one interleaving of its threads an invariant broke, a thread threw, or the threads
 * never finished. The message starts with the test's own sentence; the interleaving is attached as a suppressed
 * {@link dev.asynckatas.kit.sim.TimelineReport}, which the IDE, Surefire and the grader's scorecard show.
 */
public final class RaceFound extends AssertionError {

    private final transient String interleaving;
    private final int interleavingsExplored;

    RaceFound(String message, Throwable cause, String interleaving, int interleavingsExplored) {
        super(message, cause);
        this.interleaving = interleaving;
        this.interleavingsExplored = interleavingsExplored;
    }

    /** The failing interleaving, threads side by side, as printed under the failure; empty if the checker could not draw it. */
    public String interleaving() {
        return interleaving;
    }

    /** How many interleavings the checker ran up to and including the failing one. */
    public int interleavingsExplored() {
        return interleavingsExplored;
    }
}
