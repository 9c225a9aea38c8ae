package dev.asynckatas.kit.real;

import dev.asynckatas.platform.MainThread;
import dev.asynckatas.platform.Navigator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A navigator for the real face: records what was shown, and any use off the main thread. */
public final class RealNavigator implements Navigator {

    private final MainThread main;
    private final List<String> shown = new CopyOnWriteArrayList<>();
    private final List<String> offMainThread = new CopyOnWriteArrayList<>();

    public RealNavigator(MainThread main) {
        this.main = main;
    }

    @Override
    public void show(String screen) {
        check("show('" + screen + "')");
        shown.add(screen);
    }

    @Override
    public void showError(String message, Runnable retry) {
        check("showError('" + message + "')");
        shown.add("error: " + message);
    }

    private void check(String action) {
        if (!main.isCurrent()) {
            offMainThread.add(action + " on thread " + Thread.currentThread().getName());
        }
    }

    /** Screens shown ({@code "error: ..."} for errors), in order. */
    public List<String> shown() {
        return List.copyOf(shown);
    }

    /** Calls made off the main thread (the Main Thread Checker's findings). */
    public List<String> offMainThread() {
        return List.copyOf(offMainThread);
    }
}
