package dev.asynckatas.kit.races;

/** What the kit's tests of the model checker share. */
final class RaceTests {

    /**
     * Each check attaches the checker's instrumentation and detaches it at the end (Lincheck does so around every
     * check): about 0.3 s on an idle machine, the first check of a JVM more (it instruments the JDK's classes it
     * meets). On this repository's 2-core machine at a load of 20 a check took 2 to 10 s, above the kit's default
     * per-test limit of 10 s; 60 s keeps these tests about what they prove, not about the load.
     */
    static final long TIMEOUT_SECONDS = 60;

    private RaceTests() {
    }
}
