package dev.asynckatas.kit.grading;

/** Where a kata stands after a grading run. The labels are part of results.json's schema. */
public enum KataStatus {
    /** Compiled, and every test passes. */
    SOLVED("solved"),
    /** Compiled, and some tests fail. */
    IN_PROGRESS("in progress"),
    /** The kata's code (or its tests, against that code) does not compile. */
    NOT_COMPILED("not compiled"),
    /** A test never finished (an endless loop, a wait that never ends): the run of this kata was stopped there. */
    HUNG("hung"),
    /** The test JVM ended under a test ({@code System.exit} in the code, or a crash). */
    CRASHED("crashed"),
    /** Not graded in this run. */
    NOT_RUN("not run");

    private final String label;

    KataStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
