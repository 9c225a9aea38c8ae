package dev.asynckatas.kit.grading;

import java.util.List;

/**
 * How one variant's tests went in the test JVM.
 *
 * @param name   the variant ({@link VariantSpec#name()})
 * @param tests  every test of the kata, in the order they were planned, each with its outcome
 * @param ending whether the tests ran to the end, and if not, why
 * @param where  for a hang or an exit: the place in the learner's code (or the test's) where it happened
 * @param report for a hang, an exit or a crash: what happened, in full (stacks, the simulation's timeline, the log)
 * @param advice hygiene advice gathered while the tests ran
 */
record VariantRun(String name, List<TestResult> tests, Ending ending, String where, String report, List<Advice> advice) {

    enum Ending {
        /** Every test ran. */
        COMPLETED,
        /** A test never finished; the test JVM was ended there. */
        HUNG,
        /** The code under test called {@code System.exit}. */
        EXITED,
        /** The test JVM died otherwise (out of memory, a signal, a failure of the runner itself). */
        CRASHED
    }

    /**
     * Advice on the learner's code that is not a failure.
     *
     * @param kind  what sort ({@code BLOCKS_MAIN}, {@code BUSY_WAIT}, {@code SLEEPS}, {@code EXITS})
     * @param where the file and line
     * @param what  what the code does there
     */
    record Advice(String kind, String where, String what) {
    }

    VariantRun {
        tests = List.copyOf(tests);
        advice = List.copyOf(advice);
    }

    long count(TestResult.Status status) {
        return tests.stream().filter(t -> t.status() == status).count();
    }

    /** The tests that did not pass, in order. */
    List<TestResult> failures() {
        return tests.stream().filter(t -> !t.passed()).toList();
    }
}
