package dev.asynckatas.kit.app;

import dev.asynckatas.kit.sim.Simulation;
import dev.asynckatas.platform.Application;
import dev.asynckatas.platform.Navigator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulated screen stack: records what the user was shown, when, from which lane and in which app
 * state, and checks that it is only used on the main thread.
 */
public final class SimNavigator implements Navigator {

    /**
     * One thing put on screen.
     *
     * @param appState           the app's state at that moment, as {@code Application.state()} said it
     * @param enteringForeground whether it was shown during {@code willEnterForeground}, when the state still
     *                           says {@code BACKGROUND} but the user is coming back
     */
    public record Shown(Duration at, Kind kind, String what, String lane, Application.State appState,
                        boolean enteringForeground) {
        public enum Kind { SCREEN, ERROR }

        /**
         * Whether the user sees it as it happens: shown while the app is active, or while it comes back to the
         * front ({@code willEnterForeground}, which UIKit delivers before the app becomes active).
         */
        public boolean inFrontOfTheUser() {
            return appState == Application.State.ACTIVE || enteringForeground;
        }

        @Override
        public String toString() {
            return (kind == Kind.SCREEN ? "screen '" : "error '") + what + "' at "
                    + dev.asynckatas.kit.timeline.SwimLanes.format(at) + " from " + lane + " while " + appState
                    + (enteringForeground ? " (in willEnterForeground: the user is coming back)" : "");
        }
    }

    private final Simulation sim;
    private final SimApplication app;
    private final List<Shown> shown = new ArrayList<>();
    private Runnable retry;

    public SimNavigator(Simulation sim, SimApplication app) {
        this.sim = sim;
        this.app = app;
    }

    @Override
    public void show(String screen) {
        record(Shown.Kind.SCREEN, screen);
    }

    @Override
    public void showError(String message, Runnable retry) {
        record(Shown.Kind.ERROR, message);
        this.retry = retry;
    }

    private void record(Shown.Kind kind, String what) {
        sim.checkMainThread("Navigator." + (kind == Shown.Kind.SCREEN ? "show" : "showError"));
        String lane = sim.currentLane() == null ? "test" : sim.currentLane().name();
        shown.add(new Shown(sim.now(), kind, what, lane, app.currentState(), app.isEnteringForeground()));
        sim.timeline().note(lane, (kind == Shown.Kind.SCREEN ? "shows screen '" : "shows error '") + what + "'");
    }

    /** The user taps "Try again" on the error shown last: the retry runs on {@code MAIN}, now. */
    public void tapTryAgain() {
        if (retry == null) {
            throw new IllegalStateException("No error with a \"Try again\" button is on screen");
        }
        Runnable tapped = retry;
        retry = null;
        sim.runOnMain("the user taps Try again", tapped);
    }

    /** Everything shown so far, in order. */
    public List<Shown> shown() {
        return List.copyOf(shown);
    }

    public List<Shown> screens() {
        return shown.stream().filter(s -> s.kind() == Shown.Kind.SCREEN).toList();
    }

    public List<Shown> errors() {
        return shown.stream().filter(s -> s.kind() == Shown.Kind.ERROR).toList();
    }
}
