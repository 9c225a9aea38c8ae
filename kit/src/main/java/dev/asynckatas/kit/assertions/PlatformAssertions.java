package dev.asynckatas.kit.assertions;

import dev.asynckatas.kit.app.BackgroundTaskRecord;
import dev.asynckatas.kit.app.SimApplication;
import dev.asynckatas.kit.sim.Simulation;
import dev.asynckatas.kit.sim.Violation;
import dev.asynckatas.kit.timeline.SwimLanes;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks of the platform's rules, failing in the learner's terms ("the background task was never ended: the
 * app would be killed 30 s after the user leaves"). Shared by every kata that uses these platform pieces.
 */
public final class PlatformAssertions {

    private PlatformAssertions() {
    }

    /** The app was not killed for overrunning its background time. */
    public static void assertNotKilled(SimApplication app) {
        app.kill().ifPresent(kill -> {
            throw new AssertionError("The app was killed at " + SwimLanes.format(kill.at()) + ": " + kill.message());
        });
    }

    /** Every background task begun was ended, exactly once, and none got the app killed. */
    public static void assertEveryBackgroundTaskEndedOnce(Simulation sim, SimApplication app) {
        assertNotKilled(app);
        List<Violation> misuse = sim.violations(Violation.Kind.BACKGROUND_TASK_MISUSE);
        if (!misuse.isEmpty()) {
            throw new AssertionError("endBackgroundTask was misused: " + describe(misuse)
                    + ". Each beginBackgroundTask needs exactly one endBackgroundTask with its id.");
        }
        for (BackgroundTaskRecord task : app.backgroundTasks()) {
            if (!task.isEnded()) {
                throw new AssertionError("The " + task + ": the app would be killed "
                        + app.allowance().toSeconds() + " s after the user leaves it."
                        + " End the task as soon as its work is done, and inside its expiration handler.");
            }
        }
    }

    /** Nothing main-only was used off the main thread (Xcode's Main Thread Checker stayed quiet). */
    public static void assertNoMainThreadViolations(Simulation sim) {
        List<Violation> offMain = sim.violations(Violation.Kind.MAIN_THREAD_CHECKER);
        if (!offMain.isEmpty()) {
            throw new AssertionError("UI was used off the main thread: " + describe(offMain)
                    + ". Hop to the main thread first (an executor for the main thread, or whenCompleteAsync(..., main)).");
        }
    }

    /** The main thread never froze (no task kept it busy past the hang limit). */
    public static void assertMainThreadNeverHung(Simulation sim) {
        List<Violation> hangs = sim.violations(Violation.Kind.MAIN_THREAD_HANG);
        if (!hangs.isEmpty()) {
            throw new AssertionError("The main thread was blocked: " + describe(hangs) + ". Never wait on the main thread.");
        }
    }

    private static String describe(List<Violation> violations) {
        return violations.stream().limit(3).map(v -> v.message() + " (at " + SwimLanes.format(v.at()) + ")")
                .collect(Collectors.joining("; ")) + (violations.size() > 3 ? "; and " + (violations.size() - 3) + " more" : "");
    }
}
