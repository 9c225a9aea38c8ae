package dev.asynckatas.kit.sim;

/**
 * A simulation that cannot go on: a deadlock, a livelock, a spin. It is an {@link Error} so that kata code's
 * {@code catch (Exception e)} cannot swallow it, and the simulation keeps it: once failed, every further
 * drive of the simulation throws it again, even when a future swallowed the first throw.
 */
public abstract class SimulationError extends Error {

    protected SimulationError(String message) {
        super(message);
    }
}
