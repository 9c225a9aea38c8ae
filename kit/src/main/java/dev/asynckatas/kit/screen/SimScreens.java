package dev.asynckatas.kit.screen;

import dev.asynckatas.kit.sim.Simulation;
import dev.asynckatas.kit.timeline.TimelineEvent;
import dev.asynckatas.platform.Screen;
import dev.asynckatas.platform.ScreenView;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The simulated navigation stack: the user opens screens and closes them, on {@code MAIN}; each screen gets a
 * {@link ScreenView} that records what it displayed, when, from which lane, and whether the screen was still
 * open. Like a navigation controller, it holds a screen only while it is open, so a test can ask whether
 * anything else still holds a closed one ({@link #retained()}).
 *
 * <pre>{@code
 * ScreenHandle<ForecastScreen> forecast = screens.open("forecast", view -> new ForecastScreen(service, main, view));
 * sim.advanceTo(ofSeconds(1));
 * forecast.close();
 * assertThat(screens.retained()).isEmpty();   // nothing long-lived still holds the closed screen
 * }</pre>
 *
 * Opening, acting and closing run on {@code MAIN}: called from the test, they run as a task now (and everything
 * else due now); called from a task on {@code MAIN} (scheduled by the test for a later instant, to race other
 * lanes), they run inline. Called from any other lane they throw: the user only ever touches the main thread.
 */
public final class SimScreens {

    private final Simulation sim;
    private final Retention retention;
    private final List<ScreenEvent> history = new ArrayList<>();
    private final List<ScreenHandle<?>> handles = new ArrayList<>();
    private long nextSeq;

    public SimScreens(Simulation sim) {
        this(sim, Retention.systemGc());
    }

    SimScreens(Simulation sim, Retention retention) {
        this.sim = sim;
        this.retention = retention;
    }

    /**
     * The user opens a screen: on {@code MAIN}, {@code factory} builds it around its view, and its
     * {@code open()} runs.
     *
     * @param name    what the screen is, for reports; the handle's name adds the opening's number ({@code "forecast #1"})
     * @param factory builds the screen; it must not keep the screen anywhere (the handle is the only holder)
     */
    public <S extends Screen> ScreenHandle<S> open(String name, Function<? super ScreenView, ? extends S> factory) {
        ScreenHandle<S> handle = new ScreenHandle<>(this, name + " #" + (handles.size() + 1));
        handles.add(handle);
        onMain("the user opens " + handle.name(), () -> handle.open(factory));
        return handle;
    }

    /** Everything that happened to every screen, in order. */
    public List<ScreenEvent> history() {
        return List.copyOf(history);
    }

    /** Everything every screen displayed, in order. */
    public List<ScreenEvent.Displayed> displays() {
        return history.stream().filter(ScreenEvent.Displayed.class::isInstance).map(ScreenEvent.Displayed.class::cast).toList();
    }

    /** Every screen opened so far, in order. */
    public List<ScreenHandle<?>> screens() {
        return List.copyOf(handles);
    }

    /**
     * The closed screens that something still holds, after a full collection: the names of screens that a
     * long-lived object (a service, a listener list, a request still running) keeps in memory.
     *
     * @throws IllegalStateException when the JVM ignores {@code System.gc()}, so nothing can be told
     */
    public List<String> retained() {
        List<ScreenHandle<?>> closed = handles.stream().filter(ScreenHandle::isClosed).toList();
        List<Boolean> held = retention.stillHeld(closed.stream().<WeakReference<?>>map(ScreenHandle::reference).toList());
        List<String> retained = new ArrayList<>();
        for (int i = 0; i < closed.size(); i++) {
            if (held.get(i)) {
                retained.add(closed.get(i).name());
            }
        }
        return retained;
    }

    public Simulation simulation() {
        return sim;
    }

    Retention retention() {
        return retention;
    }

    long nextSeq() {
        return nextSeq++;
    }

    void record(ScreenEvent event) {
        history.add(event);
    }

    /** Runs a user action on {@code MAIN}: inline inside a {@code MAIN} task, as a task now when the test calls. */
    void onMain(String label, Runnable action) {
        if (sim.main().isCurrent()) {
            action.run();
        } else if (!sim.insideTask()) {
            sim.runOnMain(label, action);
        } else {
            throw new IllegalStateException("The user acts on the main thread, but \"" + label + "\" was called on "
                    + sim.currentLane() + ": schedule it on sim.main().");
        }
    }

    String currentLane() {
        return sim.currentLane() == null ? "test" : sim.currentLane().name();
    }

    void note(String text) {
        sim.timeline().note(sim.currentLane() == null ? TimelineEvent.SYSTEM : sim.currentLane().name(), text);
    }

    void problem(String text) {
        sim.timeline().problem(sim.currentLane() == null ? TimelineEvent.SYSTEM : sim.currentLane().name(), text);
    }
}
