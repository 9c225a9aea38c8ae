package dev.asynckatas.kit.sim;

import java.time.Duration;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.Executor;

/**
 * A serial queue of the simulation, like a {@code DispatchQueue} or a single-thread executor: its tasks run
 * one at a time, in due-time then scheduling order. Different lanes are independent of each other; which
 * one runs first when several are ready is the simulation's {@link ScheduleStrategy} choice.
 *
 * <p>A lane is also the simulation's notion of a thread: it has an interrupt status, and code running on
 * it sees that status through {@code Thread.currentThread()}.
 */
public final class Lane implements Executor {

    private final Simulation sim;
    private final String name;
    private final boolean partOfApp;
    final PriorityQueue<Task> queue = new PriorityQueue<>(Task.ORDER);
    /** On the simulation's call stack: running, or blocked in a wait. A busy lane cannot start another task. */
    boolean busy;
    /** The interrupt status while the lane is not the one running on top of the stack. */
    boolean interruptStatus;

    Lane(Simulation sim, String name, boolean partOfApp) {
        this.sim = sim;
        this.name = name;
        this.partOfApp = partOfApp;
    }

    public String name() {
        return name;
    }

    /** Whether the lane stops running while the app is suspended or killed (the server's lane does not). */
    public boolean isPartOfApp() {
        return partOfApp;
    }

    /** Runs {@code task} on this lane as soon as the lane is free; labelled with the code that called this. */
    @Override
    public void execute(Runnable task) {
        sim.schedule(this, Duration.ZERO, null, task);
    }

    /** Runs {@code task} on this lane as soon as the lane is free. */
    public void execute(String label, Runnable task) {
        sim.schedule(this, Duration.ZERO, label, task);
    }

    /**
     * A timer: runs {@code task} on this lane once {@code delay} of virtual time has passed, and waits its turn like every
     * task of the lane. The timeline notes where it was set.
     *
     * @return the timer: {@code cancel} stops it if it has not run yet; {@code isDone()} is true once it has run, or was
     *         cancelled
     */
    public java.util.concurrent.Future<?> timer(Duration delay, Runnable task) {
        Objects.requireNonNull(task, "task");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative delay " + delay);
        }
        return new LaneTimer(sim, this, delay, task);
    }

    /**
     * Runs {@code task} on this lane once {@code delay} of virtual time has passed.
     *
     * @return the scheduled task, for {@link #cancel(Task)} when it is a timer that may no longer be needed
     */
    public Task schedule(Duration delay, String label, Runnable task) {
        return sim.schedule(this, delay, label, task);
    }

    /** Removes a task of this lane that has not run yet (a timer no longer needed). Returns whether it was queued. */
    public boolean cancel(Task task) {
        return queue.remove(task);
    }

    /** Whether the code calling this runs on this lane. */
    public boolean isCurrent() {
        return sim.currentLane() == this;
    }

    /**
     * {@code Thread.interrupt()} for the simulated thread of this lane: a wait it is blocked in ends with an
     * {@code InterruptedException}; an idle lane's next task starts interrupted. A flag still set when a task
     * ends is cleared, as a pool thread clears it before its next task.
     */
    public void interrupt() {
        sim.interrupt(this);
    }

    /** How many tasks wait on this lane. */
    public int queued() {
        return queue.size();
    }

    @Override
    public String toString() {
        return name;
    }
}
