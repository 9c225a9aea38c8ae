package dev.asynckatas.kit.screen;

import dev.asynckatas.platform.Screen;
import dev.asynckatas.platform.ScreenView;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One opening of a screen, as the navigation stack sees it: the only strong holder of the screen while it is
 * open, and only a weak one once it is closed. The test acts on the screen through it, never holding the
 * screen itself.
 */
public final class ScreenHandle<S extends Screen> {

    private enum State { OPENING, OPEN, CLOSED }

    private final SimScreens screens;
    private final String name;
    private State state = State.OPENING;
    /** Strong while open, like the navigation stack's; null once closed. */
    private S screen;
    private WeakReference<S> reference;
    private Duration closedAt;

    ScreenHandle(SimScreens screens, String name) {
        this.screens = screens;
        this.name = name;
    }

    /** The screen's name, unique per opening ({@code "forecast #1"}). */
    public String name() {
        return name;
    }

    public boolean isOpen() {
        return state == State.OPEN;
    }

    public boolean isClosed() {
        return state == State.CLOSED;
    }

    /** When the user closed it, if they did. */
    public Optional<Duration> closedAt() {
        return Optional.ofNullable(closedAt);
    }

    /**
     * The user does something on the open screen, on {@code MAIN} ({@code "taps refresh"}).
     *
     * @throws IllegalStateException when the screen is not open: nobody can tap a closed screen
     */
    public void act(String label, Consumer<? super S> action) {
        requireOpen(label);
        screens.onMain(name + ": the user " + label, () -> {
            requireOpen(label);
            screens.record(new ScreenEvent.Acted(screens.nextSeq(), screens.simulation().now(), name, label));
            screens.note(name + ": the user " + label);
            action.accept(screen);
        });
    }

    /**
     * The user closes the screen, on {@code MAIN}: it counts as closed from now on, its {@code close()} runs, and
     * the navigation stack lets go of it.
     */
    public void close() {
        requireOpen("closes the screen");
        screens.onMain("the user closes " + name, () -> {
            requireOpen("closes the screen");
            S closing = screen;
            screen = null;
            state = State.CLOSED;
            closedAt = screens.simulation().now();
            screens.record(new ScreenEvent.Closed(screens.nextSeq(), closedAt, name));
            screens.note(name + " closed");
            closing.close();
        });
    }

    /** What this screen displayed, in order. */
    public List<ScreenEvent.Displayed> displays() {
        return screens.displays().stream().filter(d -> d.screen().equals(name)).toList();
    }

    /** The last thing this screen displayed, if any. */
    public Optional<ScreenEvent.Displayed> lastDisplayed() {
        List<ScreenEvent.Displayed> displays = displays();
        return displays.isEmpty() ? Optional.empty() : Optional.of(displays.get(displays.size() - 1));
    }

    /**
     * Whether something still holds this closed screen, after a full collection.
     *
     * @throws IllegalStateException while the screen is open (the navigation stack holds it), or when the JVM
     *                               ignores {@code System.gc()}
     */
    public boolean isRetained() {
        if (!isClosed()) {
            throw new IllegalStateException(name + " is not closed: the navigation stack itself still holds it");
        }
        return screens.retention().stillHeld(reference);
    }

    void open(Function<? super ScreenView, ? extends S> factory) {
        S created = factory.apply(new SimScreenView(screens, this));
        screen = created;
        reference = new WeakReference<>(created);
        state = State.OPEN;
        screens.record(new ScreenEvent.Opened(screens.nextSeq(), screens.simulation().now(), name));
        screens.note(name + " opened");
        created.open();
    }

    WeakReference<S> reference() {
        return reference;
    }

    private void requireOpen(String action) {
        if (state != State.OPEN) {
            throw new IllegalStateException("The user cannot act on " + name + " (" + action + "): it is "
                    + state.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    @Override
    public String toString() {
        return name + " (" + state.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
