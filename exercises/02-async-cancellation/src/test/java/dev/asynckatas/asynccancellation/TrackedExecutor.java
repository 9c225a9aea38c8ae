package dev.asynckatas.asynccancellation;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.core.ConditionTimeoutException;

/**
 * An executor on virtual threads that remembers every task it was given, so that a test on real threads can wait
 * for a deterministic moment ("everything it was given has run") instead of for a length of time. Closing it
 * interrupts whatever still runs: nothing leaks into the next test.
 */
final class TrackedExecutor implements Executor, AutoCloseable {

    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Future<?>> tasks = new CopyOnWriteArrayList<>();

    @Override
    public void execute(Runnable task) {
        tasks.add(threads.submit(task));
    }

    /** Runs {@code task} on a thread of its own and returns its future. */
    <T> Future<T> submit(Callable<T> task) {
        Future<T> future = threads.submit(task);
        tasks.add(future);
        return future;
    }

    /** How many of its tasks have not finished. */
    long running() {
        return tasks.stream().filter(task -> !task.isDone()).count();
    }

    /**
     * Waits until every task it was given (those included that its tasks gave it) has finished; fails with
     * {@code what} when that takes longer than {@code atMost}.
     */
    void awaitIdle(Duration atMost, String what) {
        try {
            await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).atMost(atMost).until(() -> running() == 0);
        } catch (ConditionTimeoutException stillRunning) {
            throw new AssertionError(what + ": still running after " + atMost.toSeconds() + " s", stillRunning);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow(); // never waits: a task that hangs must not hang the test
    }
}
