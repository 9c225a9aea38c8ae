package dev.asynckatas.kit.timeline;

import java.time.Duration;

/**
 * One thing that happened in a simulation, at a virtual time, in one column of the swim-lane view.
 *
 * @param at     virtual time since the simulation started
 * @param column the lane (or lane group) it happened on, or {@link #SYSTEM} / {@link #NETWORK}
 * @param kind   what sort of event it is; decides its marker in the rendering
 * @param text   what happened, already redacted
 */
public record TimelineEvent(Duration at, String column, Kind kind, String text) {

    /** The column of lifecycle changes, clock jumps and the test's own actions. */
    public static final String SYSTEM = "system";
    /** The column of what the simulated server saw. */
    public static final String NETWORK = "server";

    public enum Kind {
        /** A task started running on a lane. */
        TASK(">"),
        /** Something a task or the platform did. */
        NOTE(" "),
        /** A schedule choice that departed from first-in-first-out. */
        CHOICE("?"),
        /** Something that is wrong: a violation, a kill, a deadlock. */
        PROBLEM("!");

        final String marker;

        Kind(String marker) {
            this.marker = marker;
        }
    }
}
