package dev.asynckatas.kit.grading;

import java.io.PrintStream;
import java.util.List;

/**
 * The learner's last screen: one line per kata, and under it each failing test with the bug it catches and what it
 * saw, and advice on the code (not counted); then the totals and what to do next. Everything longer (stacks, timelines) is in the reports under
 * {@code target/grading/}. Plain ASCII and at most {@value #WIDTH} columns, so it reads the same in any terminal.
 */
final class Scorecard {

    static final int WIDTH = 80;
    private static final String RULE = "=".repeat(WIDTH);
    private static final String THIN = "-".repeat(WIDTH);
    private static final int MAX_ADVICE = 3;

    private Scorecard() {
    }

    /** One line as a kata's grading ends: {@code 01-background-task: 4 of 13 tests pass (in progress, 3.1 s)}. */
    static String progressLine(KataOutcome kata) {
        return kata.kata() + ": " + headline(kata) + " (" + seconds(kata.duration()) + ")";
    }

    /**
     * Prints the failures in full when asked (the first one only, unless {@code allDetails}), then the scorecard.
     *
     * @param details    print failures in full before the scorecard (a one-kata run does, for its first failure)
     * @param allDetails every failure in full, not only the first
     */
    static void print(Reports.Run run, boolean details, boolean allDetails, PrintStream out) {
        List<KataOutcome> graded = run.katas().stream().filter(KataOutcome::graded).toList();
        if (details) {
            printDetails(graded, allDetails, out);
        }
        out.println();
        out.println(RULE);
        out.println(" async-katas scorecard");
        out.println(RULE);
        for (KataOutcome kata : graded) {
            printKata(kata, out);
        }
        out.println(THIN);
        long passed = graded.stream().mapToLong(KataOutcome::passed).sum();
        long failed = graded.stream().mapToLong(k -> k.count(TestResult.Status.FAILED) + k.count(TestResult.Status.ERROR)).sum();
        long notRun = graded.stream().mapToLong(k -> k.count(TestResult.Status.NOT_RUN)).sum();
        long broken = graded.stream().filter(k -> k.status() == KataStatus.NOT_COMPILED).count();
        out.println(" " + passed + " passed, " + failed + " failed" + (notRun > 0 ? ", " + notRun + " not run" : "")
                + (broken > 0 ? ", " + broken + (broken == 1 ? " kata" : " katas") + " not compiled" : "") + "   (" + seconds(run.duration()) + ")");
        out.println(" Every failure in full, with its timeline: target/grading/index.html");
        boolean solved = graded.stream().allMatch(k -> k.status() == KataStatus.SOLVED);
        out.println(solved
                ? " Every test passes: " + (graded.size() == 1 ? graded.get(0).kata() + " is solved." : "every kata graded here is solved.")
                : " Not every test passes yet: take the first FAIL above, read its lesson's\n hints, fix, and run mvn test again.");
        out.println(RULE);
    }

    private static void printKata(KataOutcome kata, PrintStream out) {
        out.println(" " + kata.kata() + ": " + headline(kata));
        switch (kata.status()) {
            case NOT_COMPILED -> {
                out.println(wrap("     " + String.join("\n", kata.report().lines().limit(3).toList()), "     "));
                out.println("     (the other katas were graded as usual)");
            }
            case CRASHED -> out.println(wrap("     " + kata.problem(), "     "));
            default -> {
            }
        }
        List<TestResult> failures = kata.tests().stream().filter(t -> t.status() == TestResult.Status.FAILED
                || t.status() == TestResult.Status.ERROR).toList();
        if (!failures.isEmpty()) {
            out.println("   read: " + kata.lesson() + "#hints");
        }
        for (TestResult test : failures) {
            out.println(wrap("   FAIL " + test.nameWithCases(), "        "));
            if (test.catchesBug()) {
                out.println(wrap("        bug: " + test.bug(), "             "));
            }
            out.println(wrap("        saw: " + test.firstLine(), "             ", 2));
        }
        long notRun = kata.count(TestResult.Status.NOT_RUN);
        if (notRun > 0) {
            out.println("   " + notRun + (notRun == 1 ? " test" : " tests") + " not run: the run of this kata stopped at the test above");
        }
        kata.advice().stream().limit(MAX_ADVICE).forEach(advice -> out.println(wrap("   advice: " + fileAndLine(advice.where()) + " "
                + advice.what() + ": " + Hygiene.WHY.getOrDefault(advice.kind(), ""), "        ")));
        if (kata.advice().size() > MAX_ADVICE) {
            out.println("   ... and " + (kata.advice().size() - MAX_ADVICE) + " more advice in target/grading/report.txt");
        }
    }

    /** The file and line, without the folders: they are in the reports; the console has 80 columns. */
    private static String fileAndLine(String where) {
        return TestJvmLauncher.fileAndLine(where);
    }

    private static String headline(KataOutcome kata) {
        return switch (kata.status()) {
            case NOT_COMPILED -> "does not compile";
            case NOT_RUN -> "not graded in this run";
            default -> kata.passed() + " of " + kata.tests().size() + " tests pass, " + kata.status().label();
        };
    }

    private static void printDetails(List<KataOutcome> graded, boolean all, PrintStream out) {
        for (KataOutcome kata : graded) {
            for (TestResult test : kata.tests()) {
                if (test.status() == TestResult.Status.FAILED || test.status() == TestResult.Status.ERROR) {
                    out.println();
                    out.println("[katas] " + kata.kata() + ": " + (all ? "" : "the first failing test in full (the others: -Dkatas.details,"
                            + " or target/grading/report.txt)"));
                    out.println("FAIL " + test.nameWithCases() + "   (" + test.test() + ")");
                    if (test.catchesBug()) {
                        out.println("bug: " + test.bug());
                    }
                    out.println(test.details().isEmpty() ? test.message() : test.details());
                    if (!all) {
                        return;
                    }
                }
            }
            if (kata.status() == KataStatus.NOT_COMPILED) {
                out.println();
                out.println("[katas] " + kata.kata() + " does not compile:");
                out.println(kata.report());
                if (!all) {
                    return;
                }
            }
        }
    }

    private static String seconds(java.time.Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    /** One line, cut to the width with an ellipsis. */
    static String clip(String line) {
        String flat = line.replace('\n', ' ');
        return flat.length() <= WIDTH ? flat : flat.substring(0, WIDTH - 3) + "...";
    }

    /** Wrapped as {@link #wrap(String, String)}, at most {@code maxLines} lines, the last one cut with an ellipsis. */
    static String wrap(String text, String indent, int maxLines) {
        List<String> lines = wrap(text, indent).lines().toList();
        if (lines.size() <= maxLines) {
            return String.join("\n", lines);
        }
        List<String> kept = new java.util.ArrayList<>(lines.subList(0, maxLines));
        String last = kept.get(maxLines - 1);
        kept.set(maxLines - 1, last.length() > WIDTH - 3 ? last.substring(0, WIDTH - 3) + "..." : last + "...");
        return String.join("\n", kept);
    }

    /** Wrapped at the width; continuation lines, and every line after the first of the text, indented. */
    static String wrap(String text, String indent) {
        StringBuilder out = new StringBuilder();
        String[] paragraphs = text.split("\n");
        for (int i = 0; i < paragraphs.length; i++) {
            String line = (i == 0 ? "" : indent) + paragraphs[i];
            while (line.length() > WIDTH) {
                int cut = line.lastIndexOf(' ', WIDTH);
                if (cut <= indent.length()) {
                    cut = WIDTH;
                }
                out.append(line, 0, cut).append('\n');
                line = indent + line.substring(cut).strip();
            }
            out.append(line).append('\n');
        }
        return out.toString().stripTrailing();
    }
}
