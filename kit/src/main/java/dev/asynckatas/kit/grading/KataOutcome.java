package dev.asynckatas.kit.grading;

import java.time.Duration;
import java.util.List;

/**
 * A kata after a grading run.
 *
 * @param kata     its folder name, {@code 01-background-task}
 * @param status   where it stands
 * @param tests    every test, with its outcome (empty when it did not compile or did not run)
 * @param problem  for a kata that did not compile, hung or crashed: what happened, in one line
 * @param where    the file and line of the problem, when there is one
 * @param report   the problem in full: the compiler's error, the stuck thread's stack and timeline
 * @param advice   hygiene advice on the learner's code
 * @param pristine whether its code is still the broken version as committed
 * @param duration how long grading it took (compiling and testing)
 */
record KataOutcome(String kata, KataStatus status, List<TestResult> tests, String problem, String where, String report,
                   List<VariantRun.Advice> advice, boolean pristine, Duration duration) {

    KataOutcome {
        tests = List.copyOf(tests);
        advice = List.copyOf(advice);
    }

    static KataOutcome notRun(String kata, boolean pristine) {
        return new KataOutcome(kata, KataStatus.NOT_RUN, List.of(), "", "", "", List.of(), pristine, Duration.ZERO);
    }

    long count(TestResult.Status s) {
        return tests.stream().filter(t -> t.status() == s).count();
    }

    long passed() {
        return count(TestResult.Status.PASSED);
    }

    boolean graded() {
        return status != KataStatus.NOT_RUN;
    }

    List<TestResult> failures() {
        return tests.stream().filter(t -> !t.passed()).toList();
    }

    String lesson() {
        return "docs/" + kata + ".md";
    }
}
