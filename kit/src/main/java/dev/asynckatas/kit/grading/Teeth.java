package dev.asynckatas.kit.grading;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The proof that a kata's tests have teeth: on the pristine broken version, every test that claims a bug
 * ({@code @CatchesBug}) fails, and every other test passes (so a learner sees partial progress). On a
 * learner's edited version it reports progress and never fails the build.
 */
final class Teeth {

    private Teeth() {
    }

    /** Returns whether the build may go on. */
    static boolean check(String kata, Path exercise, Pristine pristine, List<TestResult> results, PrintStream out) {
        String where = "exercises/" + kata;
        String record = "mvn test -pl " + where + " -am -Dkatas.mode=record";
        List<TestResult> bugTests = results.stream().filter(TestResult::catchesBug).toList();
        List<TestResult> otherTests = results.stream().filter(t -> !t.catchesBug()).toList();

        if (!pristine.isRecorded()) {
            out.println("[teeth] " + kata + ": " + where + "/" + Pristine.FILE + " is missing, so nothing says which version is the"
                    + " broken one. Maintainers: record it with  " + record);
            return false;
        }
        List<String> changed = pristine.changedFiles();
        if (!changed.isEmpty()) {
            long fixed = bugTests.stream().filter(TestResult::passed).count();
            out.println("[teeth] " + kata + ": edited (" + String.join(", ", changed) + (changed.size() == 1 ? " differs" : " differ")
                    + " from the broken version),"
                    + " so this is a learner's work in progress, not a failure of the repository.");
            out.println("[teeth]   " + (fixed == bugTests.size() && otherTests.stream().allMatch(TestResult::passed)
                    ? "solved: every test passes!"
                    : fixed + " of " + bugTests.size() + " bug-catching tests pass so far")
                    + "  Scorecard: mvn test -Pgrade -pl " + where + " -am");
            out.println("[teeth]   Maintainers: if you changed the broken version on purpose, record it with  " + record);
            return true;
        }

        boolean ok = true;
        StringBuilder problems = new StringBuilder();
        if (results.isEmpty()) {
            problems.append("\n  - no test ran: are the tests compiled into ").append(where).append("/target/test-classes?");
            ok = false;
        } else if (bugTests.isEmpty()) {
            problems.append("\n  - no test declares @CatchesBug: nothing proves that the broken version is broken");
            ok = false;
        }
        for (TestResult test : bugTests) {
            if (test.passed()) {
                ok = false;
                problems.append("\n  - \"").append(test.name()).append("\" (").append(test.test()).append(") claims to catch \"")
                        .append(test.bug()).append("\" but PASSES on the broken version: it has no teeth");
            }
        }
        for (TestResult test : otherTests) {
            if (!test.passed()) {
                ok = false;
                problems.append("\n  - \"").append(test.name()).append("\" (").append(test.test())
                        .append(") declares no bug but FAILS on the broken version: ")
                        .append(Scorecard.firstLines(test.message(), 2).replace("\n", " "))
                        .append("\n    Mark it @CatchesBug(\"...\") if the broken version must fail it; otherwise fix the test."
                                + " Its timeline:\n").append(Scorecard.indent(test.details(), "      "));
            }
        }
        if (!ok) {
            out.println("[teeth] " + kata + ": the tests do not prove what they claim on the pristine broken version:" + problems);
            return false;
        }
        out.println("[teeth] " + kata + ": pristine broken version; the tests have teeth:");
        out.println("[teeth]   " + bugTests.size() + " bug-catching tests fail on it, as they must");
        out.println("[teeth]   " + otherTests.size() + " other tests pass on it");
        for (TestResult test : bugTests) {
            out.println("[teeth]     caught: " + test.bug() + "   <- " + test.test());
        }
        return true;
    }
}
