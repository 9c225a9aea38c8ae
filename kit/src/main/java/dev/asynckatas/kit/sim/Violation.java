package dev.asynckatas.kit.sim;

import java.time.Duration;

/**
 * Something the platform would complain about, recorded (not thrown) so the story can go on and the
 * test can say what went wrong in the learner's terms.
 *
 * @param at      virtual time
 * @param kind    what rule was broken
 * @param lane    the lane the offending code ran on
 * @param message what happened, in the platform's words
 */
public record Violation(Duration at, Kind kind, String lane, String message) {

    public enum Kind {
        /** Main-only state used off the main thread (Xcode's Main Thread Checker). */
        MAIN_THREAD_CHECKER,
        /** A main-thread task kept the main thread busy past the hang limit (iOS hang detection). */
        MAIN_THREAD_HANG,
        /** Background time ran out with a task still open: the system kills the app. */
        APP_KILLED,
        /** An unbalanced {@code endBackgroundTask}: unknown id, or ended twice. */
        BACKGROUND_TASK_MISUSE,
        /** A task threw, and nobody caught it. */
        UNCAUGHT_EXCEPTION
    }

    @Override
    public String toString() {
        return kind + " at " + dev.asynckatas.kit.timeline.SwimLanes.format(at) + " on " + lane + ": " + message;
    }
}
