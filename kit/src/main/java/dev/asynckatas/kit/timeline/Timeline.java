package dev.asynckatas.kit.timeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Everything that happened in one simulation, in order: tasks, clock jumps, requests, aborts, lifecycle
 * changes and violations. Rendered as swim-lanes by {@link SwimLanes} when a test fails.
 *
 * <p>Text is redacted on the way in, so no secret can reach a report.
 */
public final class Timeline {

    /** Keeps memory bounded in long property runs; the rendering says how many were dropped. */
    private static final int CAPACITY = 20_000;

    private final Supplier<Duration> now;
    private final List<TimelineEvent> events = new ArrayList<>();
    private int dropped;

    public Timeline(Supplier<Duration> now) {
        this.now = now;
    }

    public void record(String column, TimelineEvent.Kind kind, String text) {
        if (events.size() == CAPACITY) {
            events.remove(0);
            dropped++;
        }
        events.add(new TimelineEvent(now.get(), column, kind, Redaction.redact(text)));
    }

    public void note(String column, String text) {
        record(column, TimelineEvent.Kind.NOTE, text);
    }

    public void problem(String column, String text) {
        record(column, TimelineEvent.Kind.PROBLEM, text);
    }

    public List<TimelineEvent> events() {
        return List.copyOf(events);
    }

    /** How many early events were dropped to keep the timeline bounded. */
    public int dropped() {
        return dropped;
    }

    /** The swim-lane rendering, for failure reports. */
    public String render() {
        return SwimLanes.render(this);
    }

    @Override
    public String toString() {
        return render();
    }
}
