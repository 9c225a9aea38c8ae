package dev.asynckatas.architecture.fakekata;

import dev.asynckatas.kit.sim.Simulation;

/** A "kata" class that uses the kit's simulation, which kata code must not: the boundary rule must catch it. */
@SuppressWarnings("unused")
public final class ReachesIntoTheSimulation {

    private ReachesIntoTheSimulation() {
    }

    static Simulation simulation() {
        return Simulation.create();
    }
}
