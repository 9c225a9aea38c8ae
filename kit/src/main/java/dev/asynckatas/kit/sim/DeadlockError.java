package dev.asynckatas.kit.sim;

/**
 * A wait that can never end: the code blocked on a future, and nothing that could complete it can run
 * (typically because the completion is queued on the very lane that is blocked).
 */
public final class DeadlockError extends SimulationError {

    public DeadlockError(String message) {
        super(message);
    }
}
