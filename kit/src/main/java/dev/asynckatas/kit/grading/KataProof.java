package dev.asynckatas.kit.grading;

import dev.asynckatas.kit.grading.KataSources.CatalogueEntry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Proves one kata's tests: on the pristine broken exercise every {@code @CatchesBug} test fails and every other test
 * passes ("the tests have teeth"); the reference solution passes every test; every wrong fix of the catalogue fails
 * at least one test (and the proof names which); every correct alternative passes every test. All variants run in
 * one test JVM, each in its own class loader, against the kata's tests compiled once.
 *
 * <p>An exercise a learner has edited is not proven (its teeth cannot be judged on their code): it is reported as
 * their progress, and the rest of the proof goes on.
 */
final class KataProof {

    /** A verdict on one variant: whether it is as it must be, and the lines that say so. */
    record Verdict(String variant, boolean ok, List<String> lines) {
    }

    /**
     * The proof of a kata.
     *
     * @param kata     the kata
     * @param ok       whether everything holds
     * @param verdicts one per variant, in order: pristine, solution, wrong fixes, alternatives
     * @param summary  one line: the counts
     * @param runs     the runs, for the report
     */
    record Outcome(String kata, boolean ok, List<Verdict> verdicts, String summary, List<VariantRun> runs) {
    }

    private static final List<String> LINKAGE = List.of("NoSuchMethodError", "NoSuchFieldError", "NoClassDefFoundError",
            "AbstractMethodError", "IncompatibleClassChangeError", "ClassFormatError");

    private KataProof() {
    }

    static Outcome prove(KataSources kata, Toolbox tools) {
        WallClock.Stopwatch stopwatch = WallClock.start();
        Path work = kata.work().resolve("proof");
        Pristine pristine = new Pristine(kata.exercise());
        List<Verdict> verdicts = new ArrayList<>();
        if (!pristine.isRecorded()) {
            return failed(kata, "pristine", "exercises/" + kata.kata() + "/" + Pristine.FILE + " is missing, so nothing says which version"
                    + " is the broken one. Record it: mvn verify -Pprove -Dkata=" + kata.kata() + " -Dkatas.mode=record");
        }

        // The tests, compiled once against the reference solution, serve every variant of the code.
        boolean edited = !pristine.isPristine();
        Path solutionClasses = work.resolve("solution/classes");
        Path testClasses = work.resolve("test-classes");
        Optional<String> error = JavaCompilation.compile(List.of(kata.givenSources(), kata.solutionSources()), tools.libraryPaths(),
                solutionClasses, tools.root());
        if (error.isPresent()) {
            return failed(kata, "solution", "the reference solution does not compile: " + error.get());
        }
        error = compileTests(kata, tools, solutionClasses, testClasses);
        if (error.isPresent()) {
            return failed(kata, "solution", "the kata's tests do not compile against the reference solution: " + error.get());
        }

        List<VariantSpec> specs = new ArrayList<>();
        Path exerciseClasses = work.resolve("exercise/classes");
        error = JavaCompilation.compile(List.of(kata.givenSources(), kata.mainSources()), tools.libraryPaths(), exerciseClasses, tools.root());
        if (error.isEmpty() && !edited) {
            // What a learner meets first: the broken exercise and the tests compile together.
            Path exerciseTests = work.resolve("exercise/test-classes");
            error = compileTests(kata, tools, exerciseClasses, exerciseTests);
            if (error.isEmpty()) {
                specs.add(new VariantSpec("exercise", List.of(exerciseClasses, exerciseTests, kata.testResources()), exerciseTests,
                        List.of(kata.mainSources())));
            }
        } else if (error.isEmpty()) {
            specs.add(spec(kata, "exercise", exerciseClasses, testClasses, List.of(kata.mainSources())));
        }
        if (error.isPresent()) {
            verdicts.add(edited
                    ? new Verdict("exercise", true, List.of("edited, and it does not compile: a learner's work in progress (" + firstLine(error.get()) + ")"))
                    : new Verdict("exercise", false, List.of("the pristine exercise and its tests do not compile: " + error.get())));
        }

        List<CatalogueEntry> wrongFixes = kata.catalogue(CatalogueEntry.Kind.WRONG_FIX);
        List<CatalogueEntry> alternatives = kata.catalogue(CatalogueEntry.Kind.ALTERNATIVE);
        specs.add(spec(kata, "solution", solutionClasses, testClasses, List.of(kata.solutionSources())));
        List<String> broken = new ArrayList<>();
        for (CatalogueEntry entry : concat(wrongFixes, alternatives)) {
            compileVariant(kata, tools, entry, work, testClasses, specs, broken);
        }
        broken.forEach(line -> verdicts.add(new Verdict(line.substring(0, line.indexOf(':')), false, List.of(line))));

        List<VariantRun> runs = tools.launcher().run(specs, work, tools.logOf(kata.kata()));
        for (VariantRun run : runs) {
            if (run.name().equals("exercise")) {
                verdicts.add(0, edited ? progress(kata, pristine, run) : teeth(run));
            } else if (run.name().equals("solution")) {
                verdicts.add(passesEverything(run, "the reference solution"));
            } else if (run.name().startsWith(CatalogueEntry.Kind.WRONG_FIX.folder() + "/")) {
                verdicts.add(caught(run, wrongFixes.stream().filter(e -> e.name().equals(run.name())).findFirst().orElseThrow()));
            } else {
                verdicts.add(passesEverything(run, "the correct alternative " + run.name()));
            }
        }
        boolean ok = verdicts.stream().allMatch(Verdict::ok);
        long caught = verdicts.stream().filter(v -> v.variant().startsWith("wrong-fixes/") && v.ok()).count();
        long passing = verdicts.stream().filter(v -> v.variant().startsWith("alternatives/") && v.ok()).count();
        boolean teeth = verdicts.stream().filter(v -> v.variant().equals("exercise")).allMatch(Verdict::ok);
        String summary = kata.kata() + ": " + (edited ? "exercise edited (teeth not checked)" : "teeth " + (teeth ? "proven" : "NOT proven"))
                + "; solution " + (verdicts.stream().anyMatch(v -> v.variant().equals("solution") && v.ok()) ? "passes" : "FAILS")
                + "; " + caught + " of " + wrongFixes.size() + " wrong fixes caught; " + passing + " of " + alternatives.size()
                + " alternatives pass" + String.format(java.util.Locale.ROOT, " (%d variants in %.1f s)", runs.size(),
                stopwatch.elapsed().toMillis() / 1000.0);
        return new Outcome(kata.kata(), ok && wrongFixes.size() + alternatives.size() + 2 == verdicts.size(), verdicts, summary, runs);
    }

    private static Optional<String> compileTests(KataSources kata, Toolbox tools, Path classes, Path testClasses) {
        List<Path> classpath = new ArrayList<>(tools.libraryPaths());
        classpath.add(classes);
        return JavaCompilation.compile(List.of(kata.testSources()), classpath, testClasses, tools.root());
    }

    private static List<CatalogueEntry> concat(List<CatalogueEntry> a, List<CatalogueEntry> b) {
        List<CatalogueEntry> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static void compileVariant(KataSources kata, Toolbox tools, CatalogueEntry entry, Path work, Path testClasses,
            List<VariantSpec> specs, List<String> broken) {
        String name = entry.name();
        List<Path> sources = List.of(kata.solutionSources(), entry.sources());
        Path classes = work.resolve(name).resolve("classes");
        List<Path> roots = new ArrayList<>();
        roots.add(kata.givenSources());
        roots.addAll(sources);
        Optional<String> error = JavaCompilation.compile(roots, tools.libraryPaths(), classes, tools.root());
        if (error.isPresent()) {
            broken.add(name + ": does not compile: " + error.get());
        } else {
            specs.add(new VariantSpec(name, List.of(classes, testClasses, kata.testResources()), testClasses, sources,
                    entry.kind() == CatalogueEntry.Kind.WRONG_FIX));
        }
    }

    private static VariantSpec spec(KataSources kata, String name, Path classes, Path testClasses, List<Path> mainSources) {
        return new VariantSpec(name, List.of(classes, testClasses, kata.testResources()), testClasses, mainSources);
    }

    private static Outcome failed(KataSources kata, String variant, String why) {
        return new Outcome(kata.kata(), false, List.of(new Verdict(variant, false, List.of(why))), kata.kata() + ": " + why, List.of());
    }

    /** On the pristine exercise: every bug-catching test fails, every other test passes. */
    private static Verdict teeth(VariantRun run) {
        List<String> lines = new ArrayList<>();
        boolean ok = run.ending() == VariantRun.Ending.COMPLETED && !run.tests().isEmpty();
        if (run.ending() != VariantRun.Ending.COMPLETED) {
            lines.add("the pristine exercise did not run to the end (" + run.ending() + " at " + run.where() + "): every test must run on"
                    + " it, so its failures must be ones the kit detects, not a hang. " + firstLine(run.report()));
        }
        List<TestResult> bugTests = run.tests().stream().filter(TestResult::catchesBug).toList();
        if (bugTests.isEmpty()) {
            ok = false;
            lines.add("no test declares @CatchesBug: nothing proves that the broken version is broken");
        }
        for (TestResult test : run.tests()) {
            if (test.catchesBug() && test.passed()) {
                ok = false;
                lines.add(test.test() + " claims to catch \"" + test.bug() + "\" but PASSES on the broken version: it has no teeth");
            } else if (!test.catchesBug() && !test.passed()) {
                ok = false;
                lines.add(test.test() + " declares no bug but FAILS on the broken version (mark it @CatchesBug if the broken version must"
                        + " fail it; otherwise fix the test): " + test.firstLine());
            }
        }
        if (ok) {
            lines.add(bugTests.size() + " bug-catching tests fail on the pristine exercise, " + (run.tests().size() - bugTests.size())
                    + " other tests pass on it");
        }
        return new Verdict("exercise", ok, lines);
    }

    private static Verdict progress(KataSources kata, Pristine pristine, VariantRun run) {
        long passed = run.count(TestResult.Status.PASSED);
        return new Verdict("exercise", true, List.of("edited (" + String.join(", ", pristine.changedFiles()) + "): a learner's work in"
                + " progress, " + passed + " of " + run.tests().size() + " tests pass; teeth not checked. Maintainers: if you changed the"
                + " broken version on purpose, record it: mvn verify -Pprove -Dkata=" + kata.kata() + " -Dkatas.mode=record"));
    }

    private static Verdict passesEverything(VariantRun run, String what) {
        List<TestResult> failures = run.failures();
        if (failures.isEmpty() && run.ending() == VariantRun.Ending.COMPLETED && !run.tests().isEmpty()) {
            return new Verdict(run.name(), true, List.of(what + " passes all " + run.tests().size() + " tests"));
        }
        List<String> lines = new ArrayList<>();
        lines.add(what + " must pass every test, but " + failures.size() + " of " + run.tests().size() + " do not:");
        failures.forEach(t -> lines.add("  " + t.test() + " [" + t.status().label() + "]: " + t.firstLine()));
        return new Verdict(run.name(), false, lines);
    }

    /** A wrong fix must fail at least one test, for a reason of behaviour (not because it does not fit the tests' API). */
    private static Verdict caught(VariantRun run, CatalogueEntry entry) {
        List<TestResult> failures = run.tests().stream()
                .filter(t -> t.status() == TestResult.Status.FAILED || t.status() == TestResult.Status.ERROR).toList();
        List<TestResult> linkage = failures.stream().filter(t -> LINKAGE.stream().anyMatch(t.message()::contains)).toList();
        if (!linkage.isEmpty()) {
            return new Verdict(run.name(), false, List.of(run.name() + " does not fit the tests' API (" + linkage.get(0).firstLine()
                    + "): a catalogue entry must keep the exercise's names and signatures"));
        }
        if (failures.isEmpty()) {
            return new Verdict(run.name(), false, List.of(run.name() + " (" + entry.title() + ") PASSES every test: a wrong fix the tests let"
                    + " through. Write the test that catches it (against behaviour, not this fix), or move it to alternatives/ if it is correct."));
        }
        String by = failures.stream().map(t -> t.test() + (t.status() == TestResult.Status.FAILED ? "" : " (" + t.status().label() + ")"))
                .limit(4).collect(Collectors.joining(", "))
                + (failures.size() > 4 ? " and " + (failures.size() - 4) + " more" : "");
        return new Verdict(run.name(), true, List.of(run.name() + " caught by " + by));
    }

    private static String firstLine(String text) {
        return text.strip().lines().findFirst().orElse("");
    }
}
