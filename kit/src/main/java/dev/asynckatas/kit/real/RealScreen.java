package dev.asynckatas.kit.real;

import dev.asynckatas.platform.MainThread;
import dev.asynckatas.platform.Screen;
import dev.asynckatas.platform.ScreenView;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A screen on the real face: opened, acted on and closed on a real {@link MainThread}, each step awaited (at most
 * {@link #PATIENCE}); its view records what it displayed, from which thread, and whether the screen was still
 * open. For integration tests against the real {@code HttpClient}.
 *
 * <pre>{@code
 * try (RealMainThread main = new RealMainThread()) {
 *     RealScreen<ForecastScreen> screen = RealScreen.open(main, view -> new ForecastScreen(service, main, view));
 *     await().atMost(ofSeconds(5)).until(() -> screen.shown().size() == 2);
 *     screen.close();
 * }
 * }</pre>
 */
public final class RealScreen<S extends Screen> {

    /** How long a step on the main thread may take before the main thread counts as blocked. */
    public static final Duration PATIENCE = Duration.ofSeconds(5);

    /** One thing the view displayed. */
    public record Shown(Kind kind, String text, String thread, boolean onMain, boolean screenOpen) {
        public enum Kind { LOADING, CONTENT, ERROR }

        @Override
        public String toString() {
            return kind + (kind == Kind.LOADING ? "" : " '" + text + "'") + " on thread " + thread
                    + (screenOpen ? "" : ", though the screen was closed");
        }
    }

    private final MainThread main;
    private final List<Shown> shown = new CopyOnWriteArrayList<>();
    private volatile boolean open;
    /** Held while open, as a navigation stack holds its screens; touched on the main thread only. */
    private S screen;

    private RealScreen(MainThread main) {
        this.main = main;
    }

    /** Opens a screen on {@code main}: {@code factory} builds it around its view, then its {@code open()} runs. */
    public static <S extends Screen> RealScreen<S> open(MainThread main, Function<? super ScreenView, ? extends S> factory) {
        RealScreen<S> handle = new RealScreen<>(main);
        handle.onMain("open the screen", () -> {
            handle.screen = factory.apply(handle.new View());
            handle.open = true;
            handle.screen.open();
        });
        return handle;
    }

    /** The user does something on the open screen, on the main thread; returns once it is done. */
    public void act(String what, Consumer<? super S> action) {
        onMain(what, () -> {
            if (!open) {
                throw new IllegalStateException("the screen is closed: nobody can " + what);
            }
            action.accept(screen);
        });
    }

    /** The user closes the screen, on the main thread; returns once its {@code close()} has returned. */
    public void close() {
        onMain("close the screen", () -> {
            S closing = screen;
            screen = null;
            open = false;
            closing.close();
        });
    }

    public boolean isOpen() {
        return open;
    }

    /** Everything the view displayed, in order. */
    public List<Shown> shown() {
        return List.copyOf(shown);
    }

    private void onMain(String what, Runnable step) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        main.execute(() -> {
            try {
                step.run();
                done.complete(null);
            } catch (RuntimeException | Error failure) {
                done.completeExceptionally(failure);
            }
        });
        try {
            done.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException blocked) {
            throw new AssertionError("The main thread did not " + what + " within " + PATIENCE.toSeconds()
                    + " s: something keeps it busy or blocked", blocked);
        } catch (ExecutionException failed) {
            throw new AssertionError("Could not " + what + ": " + failed.getCause(), failed.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting to " + what, interrupted);
        }
    }

    private final class View implements ScreenView {
        @Override
        public void showLoading() {
            record(Shown.Kind.LOADING, "Loading…");
        }

        @Override
        public void show(String content) {
            record(Shown.Kind.CONTENT, content);
        }

        @Override
        public void showError(String message) {
            record(Shown.Kind.ERROR, message);
        }

        private void record(Shown.Kind kind, String text) {
            shown.add(new Shown(kind, text, Thread.currentThread().getName(), main.isCurrent(), open));
        }
    }
}
