package dev.asynckatas.kit.grading;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * The learner's view: per kata and per test, pass or fail, the bug a failing test catches and the hint to
 * read; then one closing line, {@code N passed, M failed}. Plain ASCII, so it reads the same in any console.
 */
final class Scorecard {

    private static final String RULE = "-".repeat(100);

    private Scorecard() {
    }

    /** Each failing test in full (message, the learner's stack, the timeline), before the scorecard. */
    static void printFailureDetails(String kata, List<TestResult> results, PrintStream out) {
        for (TestResult result : results) {
            if (!result.passed()) {
                out.println();
                out.println("[katas] " + kata + " FAILED: " + result.name() + "   (" + result.test() + ")");
                out.println(indent(result.details().isEmpty() ? result.message() : result.details(), "   "));
            }
        }
    }

    /** Prints the scorecard; returns whether every test of every kata passed. */
    static boolean print(Map<String, List<TestResult>> katas, PrintStream out) {
        int passed = 0;
        int failed = 0;
        out.println();
        out.println(RULE);
        out.println(" async-katas scorecard");
        out.println(RULE);
        for (Map.Entry<String, List<TestResult>> kata : katas.entrySet()) {
            String lesson = "docs/" + kata.getKey() + ".md";
            List<TestResult> results = kata.getValue();
            if (results == null) {
                out.printf(" %s: NOT GRADED - its tests did not run in this build (a compile error?)%n", kata.getKey());
                failed++;
                continue;
            }
            long kataPassed = results.stream().filter(TestResult::passed).count();
            out.printf(" %s: %d of %d tests pass%s   lesson: %s%n", kata.getKey(), kataPassed, results.size(),
                    kataPassed == results.size() ? " - solved!" : "", lesson);
            // What already works first, then what is left to do.
            List<TestResult> inOrder = new java.util.ArrayList<>(results);
            inOrder.sort(java.util.Comparator.comparing(TestResult::passed).reversed());
            for (TestResult result : inOrder) {
                if (result.passed()) {
                    passed++;
                    out.println("   [pass] " + result.name());
                } else {
                    failed++;
                    out.println("   [FAIL] " + result.name());
                    if (result.catchesBug()) {
                        out.println("          bug:     " + result.bug());
                    }
                    out.println("          failure: " + firstLines(result.message(), 3).replace("\n", "\n                   "));
                    out.println("          hint:    " + lesson + "#hints");
                }
            }
            out.println();
        }
        out.println(RULE);
        out.printf(" %d passed, %d failed%n", passed, failed);
        out.println(RULE);
        return failed == 0;
    }

    static String firstLines(String text, int count) {
        String[] lines = text.strip().split("\n");
        if (lines.length <= count) {
            return text.strip();
        }
        return String.join("\n", List.of(lines).subList(0, count)) + "\n(...)";
    }

    static String indent(String text, String prefix) {
        return prefix + text.strip().replace("\n", "\n" + prefix);
    }
}
