package dev.asynckatas.backgrounddownloads;

import dev.asynckatas.platform.MainThread;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.Future;

/**
 * The app's main thread for a model-checked test: a queue of tasks, run one at a time, in order, by the check's
 * "main" thread ({@link #run}), so that the drawing of an interleaving shows the main thread in a column of its own.
 * Before that thread starts, the test's own thread plays the main thread ({@link #runPendingHere}) to build the app.
 * The main thread stops once every other thread of the check has said it will post nothing more ({@link #noMoreFrom})
 * and the queue is empty.
 */
final class MainLoop implements MainThread {

    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private int othersStillPosting;
    /** The thread running main-thread tasks now, or null. Guarded by this. */
    private Thread running;

    /** @param otherThreads how many threads of the check may post to the main thread */
    MainLoop(int otherThreads) {
        this.othersStillPosting = otherThreads;
    }

    @Override
    public synchronized void execute(Runnable task) {
        queue.add(task);
        notifyAll();
    }

    @Override
    public synchronized boolean isCurrent() {
        return running == Thread.currentThread();
    }

    @Override
    public Future<?> schedule(Duration delay, Runnable task) {
        throw new UnsupportedOperationException("no timers in this test: nothing at the end of a wake needs one");
    }

    /** Runs the tasks posted so far on the calling thread, as the main thread: for building the state. */
    void runPendingHere() {
        synchronized (this) {
            running = Thread.currentThread();
        }
        for (Runnable task = poll(); task != null; task = poll()) {
            task.run();
        }
        synchronized (this) {
            running = null;
        }
    }

    /** The main thread's run loop: until every other thread is done posting and nothing is left to run. */
    void run() throws InterruptedException {
        synchronized (this) {
            running = Thread.currentThread();
        }
        for (Runnable task = next(); task != null; task = next()) {
            task.run();
        }
    }

    /** A thread of the check will post nothing more to the main thread. */
    synchronized void noMoreFrom() {
        othersStillPosting--;
        notifyAll();
    }

    /** The next task, waiting for one; null once none can come any more. */
    private synchronized Runnable next() throws InterruptedException {
        while (queue.isEmpty() && othersStillPosting > 0) {
            wait();
        }
        return queue.poll();
    }

    private synchronized Runnable poll() {
        return queue.poll();
    }
}
