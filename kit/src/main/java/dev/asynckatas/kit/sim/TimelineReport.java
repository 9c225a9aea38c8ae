package dev.asynckatas.kit.sim;

/**
 * Carries a simulation's timeline with a failure, as a suppressed exception: wherever the failure is shown
 * (IDE, Surefire, the scorecard), the interleaving that caused it is shown too. It has no stack trace.
 */
public final class TimelineReport extends RuntimeException {

    public TimelineReport(String timeline) {
        super("\n" + timeline, null, false, false);
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
