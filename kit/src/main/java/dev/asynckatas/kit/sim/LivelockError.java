package dev.asynckatas.kit.sim;

/**
 * The simulation kept running without getting anywhere: more steps than its budget, or a task that reads
 * the clock in a loop while time stands still (a busy-wait).
 */
public final class LivelockError extends SimulationError {

    public LivelockError(String message) {
        super(message);
    }
}
