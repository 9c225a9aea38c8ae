package dev.asynckatas.groupwaiting;

import dev.asynckatas.platform.MainThread;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.Future;

/**
 * The main thread for a model-checked test, without a thread of its own: a task handed to it runs at once on the
 * calling thread if no main-thread task is running, else after the ones queued before it, by whichever thread is
 * running them. So, as on the real main thread, main-thread tasks run one at a time, in the order they were handed
 * over, never one inside another, and {@link #isCurrent} is true inside them; the model checker sees every hand-over.
 */
final class SerialMain implements MainThread {

    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    /** The thread running main-thread tasks now, or null. Guarded by this. */
    private Thread running;

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            queue.add(task);
            if (running != null) {
                return; // the thread running main-thread tasks will get to it
            }
            running = Thread.currentThread();
        }
        while (true) {
            Runnable next;
            synchronized (this) {
                next = queue.poll();
                if (next == null) {
                    running = null;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException | Error crashed) {
                synchronized (this) {
                    running = null; // the app would crash here; at least let the next hand-over run the rest
                }
                throw crashed;
            }
        }
    }

    @Override
    public synchronized boolean isCurrent() {
        return running == Thread.currentThread();
    }

    @Override
    public Future<?> schedule(Duration delay, Runnable task) {
        throw new UnsupportedOperationException("no timers in this test: nothing in the app's update needs one");
    }
}
