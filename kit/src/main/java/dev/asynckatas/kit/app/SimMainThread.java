package dev.asynckatas.kit.app;

import dev.asynckatas.kit.sim.Simulation;
import dev.asynckatas.platform.MainThread;

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

    @Override
    public String toString() {
        return "MAIN";
    }
}
