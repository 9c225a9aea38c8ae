package dev.asynckatas.kit.sim;

import dev.asynckatas.kit.timeline.Timeline;
import dev.asynckatas.kit.timeline.TimelineEvent;
import java.util.List;
import java.util.Optional;

/**
 * Carries a timeline with a failure, as a suppressed exception: wherever the failure is shown (IDE, Surefire, the
 * scorecard), the interleaving that caused it is shown too. It has no stack trace.
 *
 * <p>It holds both the text rendering (for consoles) and, when it came from a {@link Timeline}, its events (for the
 * grader's HTML report, which draws them as swim lanes).
 */
public final class TimelineReport extends RuntimeException {

    private final transient List<TimelineEvent> events;

    /** A report of text only (a model checker's interleaving, say). */
    public TimelineReport(String timeline) {
        this(timeline, List.of());
    }

    /** The report of a simulation's timeline: its rendering and its events. */
    public TimelineReport(Timeline timeline) {
        this("", timeline);
    }

    /** The report of a simulation's timeline, introduced by a line of its own (the schedule that was explored, say). */
    public TimelineReport(String heading, Timeline timeline) {
        this((heading.isEmpty() ? "" : heading + "\n") + timeline.render(), timeline.events());
    }

    private TimelineReport(String text, List<TimelineEvent> events) {
        super("\n" + text, null, false, false);
        this.events = List.copyOf(events);
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
                failure.addSuppressed(new TimelineReport(sim.timeline()));
            }
            throw failure;
        }
    }

    /** The timeline's text attached to a failure, if any. */
    public static Optional<String> of(Throwable failure) {
        return reportOn(failure).map(report -> report.getMessage().substring(1));
    }

    /** The timeline's events attached to a failure; empty when none, or when only text was attached. */
    public static List<TimelineEvent> eventsOf(Throwable failure) {
        return reportOn(failure).map(report -> report.events).orElse(List.of());
    }

    private static Optional<TimelineReport> reportOn(Throwable failure) {
        for (Throwable suppressed : failure.getSuppressed()) {
            if (suppressed instanceof TimelineReport report) {
                return Optional.of(report);
            }
        }
        return Optional.empty();
    }
}
