package dev.asynckatas.kit.real;

import dev.asynckatas.platform.MainThread;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A real main thread: one platform thread named {@code main-ui}, running tasks in submission order. Its timers
 * ({@link #schedule}) wait on a thread of their own, then queue their task on {@code main-ui} like any other.
 */
public final class RealMainThread implements MainThread, AutoCloseable {

    private volatile Thread thread;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
        Thread created = Thread.ofPlatform().name("main-ui").daemon().unstarted(task);
        thread = created;
        return created;
    });
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            task -> Thread.ofPlatform().name("main-ui-timers").daemon().unstarted(task));

    @Override
    public void execute(Runnable task) {
        executor.execute(task);
    }

    @Override
    public boolean isCurrent() {
        return Thread.currentThread() == thread;
    }

    /**
     * After {@code delay}, queues {@code task} on the main thread. The returned timer is done once the task has run on
     * it (an exception it threw is in the timer's {@code get()}), or once it was cancelled; a timer cancelled before its
     * turn never runs.
     */
    @Override
    public Future<?> schedule(Duration delay, Runnable task) {
        return timer(timers, executor, delay, task);
    }

    /**
     * A timer on a real serial thread: {@code timers} waits out the delay, then {@code thread} runs the task in its turn.
     * Done once the task has run (an exception it threw is in {@code get()}), or once cancelled; never run when the
     * thread is gone.
     */
    static Future<?> timer(ScheduledExecutorService timers, java.util.concurrent.Executor thread, Duration delay, Runnable task) {
        FutureTask<Void> timer = new FutureTask<>(task, null);
        timers.schedule(() -> {
            try {
                thread.execute(timer);
            } catch (RejectedExecutionException closed) {
                timer.cancel(false); // the thread is gone: the timer will never run
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
        return timer;
    }

    /** Stops the thread after the tasks already submitted (timers not yet due never run); waits up to 5 s. */
    @Override
    public void close() throws InterruptedException {
        timers.shutdownNow();
        executor.shutdown();
        if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
            executor.shutdownNow();
        }
    }
}
