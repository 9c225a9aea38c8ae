package dev.asynckatas.kit.app;

import dev.asynckatas.kit.sim.Simulation;
import dev.asynckatas.platform.MainThread;
import java.time.Duration;
import java.util.concurrent.Future;

/** The simulated main thread: the simulation's {@code MAIN} lane. */
public final class SimMainThread implements MainThread {

    private final Simulation sim;

    public SimMainThread(Simulation sim) {
        this.sim = sim;
    }

    @Override
    public void execute(Runnable task) {
        sim.main().execute(task);
    }

    @Override
    public boolean isCurrent() {
        return sim.main().isCurrent();
    }

    /**
     * A task on {@code MAIN}, due {@code delay} from now in virtual time; the timeline notes where it was set and when
     * it is due. Its future is done once the task has run (or was cancelled); a task that asks it {@code isDone()}
     * over and over while time stands still is busy-waiting, and the simulation says so instead of hanging.
     */
    @Override
    public Future<?> schedule(Duration delay, Runnable task) {
        return sim.main().timer(delay, task);
    }

    @Override
    public String toString() {
        return "MAIN";
    }
}
