package dev.asynckatas.kit.sim;

/**
 * Carries a simulation's timeline with a failure, as a suppressed exception: wherever the failure is shown
 * (IDE, Surefire, the scorecard), the interleaving that caused it is shown too. It has no stack trace.
 */
public final class TimelineReport extends RuntimeException {

    public TimelineReport(String timeline) {
        super("\n" + timeline, null, false, false);
    }

    /**
     * Runs {@code story} on {@code sim} and, if it fails, attaches the simulation's timeline to the failure:
     * for property tests and other places the JUnit extension does not reach.
     */
    public static void attachOnFailure(Simulation sim, Runnable story) {
        try {
            story.run();
        } catch (RuntimeException | Error failure) {
            if (of(failure).isEmpty()) {
                failure.addSuppressed(new TimelineReport(sim.timeline().render()));
            }
            throw failure;
        }
    }

    /** The timeline attached to a failure, if any. */
    public static java.util.Optional<String> of(Throwable failure) {
        for (Throwable suppressed : failure.getSuppressed()) {
            if (suppressed instanceof TimelineReport report) {
                return java.util.Optional.of(report.getMessage().substring(1));
            }
        }
        return java.util.Optional.empty();
    }
}
