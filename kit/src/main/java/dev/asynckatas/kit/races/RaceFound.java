package dev.asynckatas.kit.races;

/**
 * A {@link RaceCheck} failed: in one interleaving of its threads an invariant broke, a thread threw, or the threads
 * never finished. The message starts with the test's own sentence; the interleaving is attached as a suppressed
 * {@link dev.asynckatas.kit.sim.TimelineReport}, which the IDE, Surefire and the grader's scorecard show.
 */
public final class RaceFound extends AssertionError {

    private final transient String interleaving;
    private final int interleavingsExplored;
    private final transient String bug;

    RaceFound(String message, Throwable cause, String interleaving, int interleavingsExplored, String bug) {
        super(message, cause);
        this.interleaving = interleaving;
        this.interleavingsExplored = interleavingsExplored;
        this.bug = bug;
    }

    /**
     * The bug the broken invariant reveals, when the test named one ({@link RaceCheck#invariant(String,
     * java.util.function.Predicate, String)}): the grader shows it instead of the test's {@code @CatchesBug}.
     */
    public java.util.Optional<String> bug() {
        return java.util.Optional.ofNullable(bug);
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
