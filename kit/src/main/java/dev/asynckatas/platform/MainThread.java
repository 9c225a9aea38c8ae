package dev.asynckatas.platform;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;

/**
 * The app's main thread, like {@code DispatchQueue.main}: a serial executor that runs tasks one at a
 * time, in the order they were submitted, and where all UI work happens.
 */
public interface MainThread extends Executor {

    /** {@code Thread.isMainThread} in Swift: whether the calling code runs on the main thread. */
    boolean isCurrent();

    /**
     * Runs {@code task} on the main thread once {@code delay} has passed, as a timer on the main run loop does
     * ({@code Timer.scheduledTimer}, {@code DispatchQueue.main.asyncAfter}). When it comes due, it waits its turn
     * like every main-thread task: while the main thread is busy, it cannot run.
     *
     * @return the timer: {@code cancel} stops it if it has not run yet; {@code isDone()} is true once it has run,
     *         or was cancelled
     */
    Future<?> schedule(Duration delay, Runnable task);
}
