package dev.asynckatas.kit.races;

/**
 * A class in the model checker's package that is neither of its two exceptions (its thread, its time limit): the
 * rules must still catch it, which proves the exceptions are one class each, not the package. Never called.
 */
@SuppressWarnings("unused")
public final class OffenderBesideTheModelChecker {

    private OffenderBesideTheModelChecker() {
    }

    static void breaksTheRulesTheExceptionsRelax() {
        System.nanoTime();
        new Thread(() -> { }).start();
    }
}
