package dev.asynckatas.timeouts;

import dev.asynckatas.platform.MainThread;
import java.time.Duration;
import java.util.concurrent.Future;

/**
 * The asker's {@code Timeout} helper, in Java, and it works, as the asker says: after a delay it runs a callback on the
 * main thread, as an {@code NSTimer} scheduled on the main run loop does. Like every main-thread task, the callback
 * waits its turn: while the main thread is busy, it cannot run.
 *
 * <pre>{@code
 * Timeout timeout = new Timeout(Duration.ofSeconds(5), main, () -> status.show("Too late"));
 * ...
 * timeout.cancel();   // the answer came first
 * }</pre>
 *
 * <p>Given by the kata: you do not need to change it.
 */
public final class Timeout {

    private final Future<?> timer;

    /** A timer that runs {@code callback} on the main thread once {@code delay} has passed, unless cancelled first. */
    public Timeout(Duration delay, MainThread main, Runnable callback) {
        this.timer = main.schedule(delay, callback);
    }

    /** A timer with nothing to run: ask {@link #hasFired()} whether its time has come. */
    public Timeout(Duration delay, MainThread main) {
        this(delay, main, () -> { });
    }

    /** Stops the timer if it has not fired yet; its callback will not run. Does nothing once it has fired. */
    public void cancel() {
        timer.cancel(false);
    }

    /** Whether the timer has fired: its time came, the main thread got to it, and it was not cancelled first. */
    public boolean hasFired() {
        return timer.isDone() && !timer.isCancelled();
    }
}
