package dev.asynckatas.kit.sim;

import java.time.Duration;
import java.util.Comparator;

/**
 * A unit of work scheduled on a {@link Lane}.
 *
 * @param seq    the scheduling order: among tasks due at the same instant, the earlier scheduled runs first
 * @param due    virtual time at which it may run
 * @param lane   where it runs
 * @param label  what it is, for the timeline and for error messages
 * @param origin the code that scheduled it ({@code Class.method(File.java:42)})
 * @param body   the work
 */
public record Task(long seq, Duration due, Lane lane, String label, String origin, Runnable body) {

    /** Due time first, then scheduling order: the written tie-break for two tasks due at the same instant. */
    static final Comparator<Task> ORDER = Comparator.comparing(Task::due).thenComparingLong(Task::seq);

    /** The task in words: {@code "blocks" (scheduled at Foo.bar(Foo.java:12))}. */
    public String describe() {
        return "\"" + label + "\"" + (origin.isEmpty() || label.contains(origin) ? "" : " (scheduled at " + origin + ")");
    }

    @Override
    public String toString() {
        return lane.name() + ": " + label + (origin.isEmpty() || label.contains(origin) ? "" : " (scheduled at " + origin + ")");
    }
}
