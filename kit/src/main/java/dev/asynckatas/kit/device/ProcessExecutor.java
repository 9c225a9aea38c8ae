package dev.asynckatas.kit.device;

import dev.asynckatas.kit.sim.Lane;
import dev.asynckatas.kit.sim.Task;
import dev.asynckatas.platform.MainThread;
import java.time.Duration;

/**
 * A serial queue of one process: its main thread, or a session's delegate queue. Its tasks run on a lane of the app
 * (they stop while the app is suspended) and only while the process lives: a task of a terminated process never runs,
 * and asking a dead process's queue to run one is recorded as a {@link DeadProcessCall}.
 */
final class ProcessExecutor implements MainThread {

    private final SimAppProcess process;
    private final Lane lane;
    private final String name;

    ProcessExecutor(SimAppProcess process, Lane lane, String name) {
        this.process = process;
        this.lane = lane;
        this.name = name;
    }

    @Override
    public void execute(Runnable task) {
        if (refusedAfterDeath()) {
            return;
        }
        lane.execute(guarded(task));
    }

    /** A task the system runs on this queue, with a label for the timeline. */
    void execute(String label, Runnable task) {
        if (refusedAfterDeath()) {
            return;
        }
        lane.execute(label, guarded(task));
    }

    /** A timer of the system (the end of the background time): cancel it when no longer needed. */
    Task schedule(Duration delay, String label, Runnable task) {
        return lane.schedule(delay, label, guarded(task));
    }

    /** A timer of the app's code on this queue: it never runs once the process is gone. */
    @Override
    public java.util.concurrent.Future<?> schedule(Duration delay, Runnable task) {
        return lane.timer(delay, guarded(task));
    }

    void cancel(Task task) {
        lane.cancel(task);
    }

    @Override
    public boolean isCurrent() {
        return lane.isCurrent();
    }

    Lane lane() {
        return lane;
    }

    private boolean refusedAfterDeath() {
        if (process.isAlive()) {
            return false;
        }
        process.device().deadProcessCall(process, "its " + name + " was asked to run a task");
        return true;
    }

    private Runnable guarded(Runnable task) {
        return () -> {
            if (process.isAlive()) {
                task.run();
            }
        };
    }

    @Override
    public String toString() {
        return name + " of process #" + process.number();
    }
}
