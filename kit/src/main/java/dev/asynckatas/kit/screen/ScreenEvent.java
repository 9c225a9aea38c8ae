package dev.asynckatas.kit.screen;

import dev.asynckatas.kit.timeline.SwimLanes;
import java.time.Duration;

/**
 * One thing that happened to a simulated screen, in the order it happened ({@link #seq()}): opened, a user
 * action, closed, or something displayed. Events name the screen, never hold it, so that a record cannot keep
 * a closed screen in memory.
 */
public sealed interface ScreenEvent {

    /** Position in the screens' history: events at the same virtual instant keep the order they happened in. */
    long seq();

    /** Virtual time. */
    Duration at();

    /** The screen's name, unique per opening ({@code "forecast Lisbon #1"}). */
    String screen();

    /** The user opened the screen; it counts as open from here, while its {@code open()} runs. */
    record Opened(long seq, Duration at, String screen) implements ScreenEvent {
        @Override
        public String toString() {
            return SwimLanes.format(at) + " " + screen + " opened";
        }
    }

    /** The user did something on the open screen ("taps refresh"), on the main thread. */
    record Acted(long seq, Duration at, String screen, String action) implements ScreenEvent {
        @Override
        public String toString() {
            return SwimLanes.format(at) + " " + screen + ": " + action;
        }
    }

    /** The user closed the screen; it counts as closed from here, while its {@code close()} runs. */
    record Closed(long seq, Duration at, String screen) implements ScreenEvent {
        @Override
        public String toString() {
            return SwimLanes.format(at) + " " + screen + " closed";
        }
    }

    /**
     * The screen's view displayed something.
     *
     * @param lane       the lane that called the view ({@code MAIN} when right; {@code test} for the test itself)
     * @param screenOpen whether the screen was still open then
     */
    record Displayed(long seq, Duration at, String screen, Kind kind, String text, String lane, boolean screenOpen)
            implements ScreenEvent {

        /** What the view shows. */
        public enum Kind { LOADING, CONTENT, ERROR }

        public boolean onMain() {
            return lane.equals("MAIN");
        }

        @Override
        public String toString() {
            String what = switch (kind) {
                case LOADING -> "loading";
                case CONTENT -> "'" + text + "'";
                case ERROR -> "error '" + text + "'";
            };
            return SwimLanes.format(at) + " " + screen + " shows " + what + " from " + lane + (screenOpen ? "" : ", though it was closed");
        }
    }
}
