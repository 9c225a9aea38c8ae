package dev.asynckatas.kit.screen;

import dev.asynckatas.kit.screen.ScreenEvent.Displayed.Kind;
import dev.asynckatas.platform.ScreenView;

/**
 * A screen's view in the simulation: records each call with its time, lane and whether the screen was still
 * open, and reports a call off {@code MAIN} to the Main Thread Checker. It refers to its screen's handle, never
 * to the screen.
 */
final class SimScreenView implements ScreenView {

    static final String LOADING = "Loading…";

    private final SimScreens screens;
    private final ScreenHandle<?> owner;

    SimScreenView(SimScreens screens, ScreenHandle<?> owner) {
        this.screens = screens;
        this.owner = owner;
    }

    @Override
    public void showLoading() {
        displayed(Kind.LOADING, LOADING, "showLoading()");
    }

    @Override
    public void show(String content) {
        displayed(Kind.CONTENT, String.valueOf(content), "show(...)");
    }

    @Override
    public void showError(String message) {
        displayed(Kind.ERROR, String.valueOf(message), "showError(...)");
    }

    private void displayed(Kind kind, String text, String call) {
        screens.simulation().checkMainThread("ScreenView." + call + " of " + owner.name());
        ScreenEvent.Displayed event = new ScreenEvent.Displayed(screens.nextSeq(), screens.simulation().now(), owner.name(), kind,
                text, screens.currentLane(), !owner.isClosed());
        screens.record(event);
        String what = kind == Kind.LOADING ? "loading" : kind == Kind.ERROR ? "error '" + text + "'" : "'" + text + "'";
        if (owner.isClosed()) {
            screens.problem(owner.name() + " is closed, yet shows " + what);
        } else {
            screens.note(owner.name() + " shows " + what);
        }
    }

    @Override
    public String toString() {
        return "the view of " + owner.name();
    }
}
