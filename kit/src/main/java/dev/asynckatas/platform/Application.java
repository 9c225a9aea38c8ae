package dev.asynckatas.platform;

import java.time.Duration;

/**
 * The application, like {@code UIApplication.shared}: its lifecycle state, and background tasks that ask
 * the system for extra time to finish work after the user leaves the app.
 *
 * <p>Semantics, as in UIKit:
 * <ul>
 *   <li>{@link #beginBackgroundTask} and {@link #endBackgroundTask} may be called from any thread.
 *   <li>Each begun task must be ended exactly once, as soon as its work is done.
 *   <li>In the background the app gets a limited allowance (about 30 s). When it runs out, the system calls
 *       every open task's expiration handler <em>synchronously on the main thread</em>; a task that is still
 *       open when its handler returns gets the app killed.
 *   <li>When no task is open in the background, the app is suspended: none of its code runs until the user
 *       comes back.
 * </ul>
 */
public interface Application {

    /** {@code UIApplication.State}, plus the two states the system puts an app in. */
    enum State { ACTIVE, BACKGROUND, SUSPENDED, TERMINATED }

    /** The current state. Like {@code applicationState}, read it on the main thread only. */
    State state();

    /**
     * {@code beginBackgroundTask(withName:expirationHandler:)}: asks for background time.
     *
     * @param name shown in the system's logs and in the test timeline
     * @param expirationHandler called on the main thread when the allowance runs out; it must end the task
     *                          before it returns
     * @return the task's id, or {@link BackgroundTaskId#INVALID} when the app gets no background time
     */
    BackgroundTaskId beginBackgroundTask(String name, Runnable expirationHandler);

    /** {@code endBackgroundTask(_:)}: the work is done (or given up). Call it exactly once per begun task. */
    void endBackgroundTask(BackgroundTaskId id);

    /** {@code backgroundTimeRemaining}: how long the app may still run in the background. */
    Duration backgroundTimeRemaining();

    /** Registers for the lifecycle notifications, which are delivered on the main thread. */
    void addObserver(LifecycleObserver observer);

    /** {@code didEnterBackgroundNotification} and {@code willEnterForegroundNotification}. */
    interface LifecycleObserver {
        default void didEnterBackground() {
        }

        default void willEnterForeground() {
        }
    }
}
