package dev.asynckatas.kit.grading;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Grades one kata: compiles the learner's code and the kata's tests, runs the tests, and says where it stands. */
final class KataGrading {

    private KataGrading() {
    }

    static KataOutcome grade(KataSources kata, Toolbox tools) {
        WallClock.Stopwatch stopwatch = WallClock.start();
        boolean pristine = new Pristine(kata.exercise()).isPristine();
        Path work = kata.work().resolve("learner");
        Path classes = work.resolve("classes");
        Path testClasses = work.resolve("test-classes");

        Optional<String> error = JavaCompilation.compile(List.of(kata.givenSources(), kata.mainSources()), tools.libraryPaths(),
                classes, tools.root());
        if (error.isEmpty()) {
            List<Path> testClasspath = new ArrayList<>(tools.libraryPaths());
            testClasspath.add(classes);
            error = JavaCompilation.compile(List.of(kata.testSources()), testClasspath, testClasses, tools.root())
                    .map(e -> "The kata's tests do not compile against your code (did you change a name or a signature the tests use?): " + e);
        } else {
            error = error.map(e -> "Your code does not compile: " + e);
        }
        if (error.isPresent()) {
            String first = error.get().lines().findFirst().orElse("");
            return new KataOutcome(kata.kata(), KataStatus.NOT_COMPILED, List.of(), first, "", error.get(), List.of(), pristine,
                    stopwatch.elapsed());
        }

        LearnerCode learner = new LearnerCode(tools.root(), List.of(kata.mainSources()));
        VariantSpec spec = new VariantSpec(kata.kata(), List.of(classes, testClasses, kata.testResources()), testClasses,
                List.of(kata.mainSources()));
        VariantRun run = tools.launcher().run(List.of(spec), work, tools.logOf(kata.kata())).get(0);

        List<VariantRun.Advice> advice = new ArrayList<>(Hygiene.inCompiledCode(classes, learner));
        run.advice().stream().filter(a -> !advice.contains(a)).forEach(advice::add);
        KataStatus status = switch (run.ending()) {
            case HUNG -> KataStatus.HUNG;
            case EXITED, CRASHED -> KataStatus.CRASHED;
            case COMPLETED -> run.tests().stream().allMatch(TestResult::passed) && !run.tests().isEmpty()
                    ? KataStatus.SOLVED : KataStatus.IN_PROGRESS;
        };
        String problem = switch (run.ending()) {
            case HUNG -> run.tests().stream().filter(t -> t.status() == TestResult.Status.ERROR).findFirst()
                    .map(t -> t.test() + " hung: " + t.firstLine()).orElse("a test hung");
            case EXITED -> run.tests().stream().filter(t -> t.status() == TestResult.Status.ERROR).findFirst()
                    .map(t -> t.test() + ": " + t.firstLine()).orElse("the code called System.exit");
            case CRASHED -> run.report().lines().findFirst().orElse("the test JVM crashed");
            case COMPLETED -> run.tests().isEmpty() ? "no test ran" : "";
        };
        return new KataOutcome(kata.kata(), status, run.tests(), problem, run.where(), run.report(), advice, pristine, stopwatch.elapsed());
    }
}
