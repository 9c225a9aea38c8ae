package dev.asynckatas.kit.grading;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs one exercise's tests on its current code, with the JUnit Platform, in one of three modes:
 * <dl>
 *   <dt>{@code prove}</dt><dd>({@code mvn verify}) on the pristine broken version, every {@code @CatchesBug}
 *       test must fail and every other test pass: the tests have teeth. On a learner's edited version it
 *       reports progress and never fails the build.</dd>
 *   <dt>{@code grade}</dt><dd>({@code mvn test -Pgrade}) the scorecard: the last exercise of the build prints
 *       it for every kata graded in the build, and exits non-zero while any test fails.</dd>
 *   <dt>{@code record}</dt><dd>(maintainers) records the current sources as the pristine broken version,
 *       then proves it.</dd>
 * </dl>
 * Results go to {@code target/grading/} at the repository's root: one file per kata, and
 * {@code results.json} for every kata graded in the build.
 *
 * <p>Arguments: {@code --mode M --kata NN-name --exercise DIR --root DIR --reactor <Maven's project list>}.
 */
public final class KataRunner {

    private static final Pattern EXERCISE_IN_REACTOR = Pattern.compile("dev\\.asynckatas:exercise-([0-9]{2}-[a-z0-9-]+):");

    /** jqwik logs tuning advice through java.util.logging; the scorecard is the learner's output. Held: loggers are weak. */
    private static final java.util.logging.Logger JQWIK_LOG = java.util.logging.Logger.getLogger("net.jqwik");

    private KataRunner() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        JQWIK_LOG.setLevel(java.util.logging.Level.WARNING);
        int status = 0;
        try {
            run(Arguments.parse(args), out);
        } catch (RuntimeException e) {
            out.println("[katas] the kata runner itself failed: " + e);
            e.printStackTrace(out);
            status = 2;
        }
        // Exit explicitly: a test that timed out may have left its thread blocked or spinning.
        System.exit(status);
    }

    /**
     * Runs the tests and reports. A verdict that must fail the build is left
     * as a marker file ({@link #failureMarker}), which the exercises' POM turns into one clear build error
     * instead of a process failure with a stack trace.
     */
    static void run(Arguments args, PrintStream out) {
        Path exercise = args.exercise();
        Path marker = failureMarker(exercise, args.mode());
        deleteMarkers(exercise);
        Path gradingDir = args.root().resolve("target/grading");
        Results store = new Results(gradingDir);
        store.forget(args.kata());

        Pristine pristine = new Pristine(exercise);
        if (args.mode().equals("record")) {
            pristine.record();
            out.println("[katas] recorded " + exercise.resolve(Pristine.FILE) + " as the pristine broken version of " + args.kata());
        }

        Duration hangLimit = Duration.ofSeconds(Long.getLong("katas.hangLimitSeconds", 30));
        ResultsCollector collector = new ResultsCollector(args.kata());
        List<TestResult> results;
        try (HangWatchdog watchdog = new HangWatchdog(hangLimit, (test, reason) -> {
            out.println("[katas] " + args.kata() + ": " + test + " " + reason);
            report(args, pristine, store, marker, collector.resultsWithHang(test, reason), out);
            System.exit(0); // the hung thread cannot be stopped; the JVM can
        })) {
            results = runTests(exercise.resolve("target/test-classes"), collector, watchdog);
        }
        report(args, pristine, store, marker, results, out);
    }

    private static void report(Arguments args, Pristine pristine, Results store, Path marker, List<TestResult> results, PrintStream out) {
        store.save(args.kata(), results);
        store.writeJson(args.mode(), args.katasInBuild(args.kata()));

        if (args.mode().equals("grade")) {
            Scorecard.printFailureDetails(args.kata(), results, out);
            if (!args.isLastExerciseOfBuild()) {
                long passed = results.stream().filter(TestResult::passed).count();
                out.printf("[katas] %s graded: %d of %d tests pass (the scorecard comes after the last kata)%n",
                        args.kata(), passed, results.size());
                return;
            }
            Map<String, List<TestResult>> graded = store.load(args.katasInBuild(args.kata()));
            if (!Scorecard.print(graded, out)) {
                touch(marker);
            }
            return;
        }
        if (!Teeth.check(args.kata(), args.exercise(), pristine, results, out)) {
            touch(marker);
        }
    }

    /** {@code target/katas/grade-failed} (a test fails) or {@code target/katas/proof-failed} (no teeth). */
    static Path failureMarker(Path exercise, String mode) {
        return exercise.resolve("target/katas").resolve(mode.equals("grade") ? "grade-failed" : "proof-failed");
    }

    private static void deleteMarkers(Path exercise) {
        try {
            Files.deleteIfExists(failureMarker(exercise, "grade"));
            Files.deleteIfExists(failureMarker(exercise, "prove"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void touch(Path marker) {
        try {
            Files.createDirectories(marker.getParent());
            Files.writeString(marker, "see the report above\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<TestResult> runTests(Path testClasses, ResultsCollector collector, HangWatchdog watchdog) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClasspathRoots(Set.of(testClasses)))
                .build();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, collector, watchdog);
        return collector.results();
    }

    /** The command line, as the exercises' parent POM passes it. */
    record Arguments(String mode, String kata, Path exercise, Path root, List<String> reactorKatas) {

        static Arguments parse(String[] args) {
            Map<String, String> named = new LinkedHashMap<>();
            List<String> reactor = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--reactor")) {
                    Matcher m = EXERCISE_IN_REACTOR.matcher(String.join(" ", List.of(args).subList(i + 1, args.length)));
                    while (m.find()) {
                        reactor.add(m.group(1));
                    }
                    break;
                }
                if (args[i].startsWith("--") && i + 1 < args.length) {
                    named.put(args[i].substring(2), args[++i]);
                }
            }
            String mode = named.getOrDefault("mode", "prove");
            if (!List.of("prove", "grade", "record").contains(mode)) {
                throw new IllegalArgumentException("unknown mode " + mode + " (prove, grade or record)");
            }
            return new Arguments(mode, require(named, "kata"), Path.of(require(named, "exercise")).toAbsolutePath().normalize(),
                    Path.of(require(named, "root")).toAbsolutePath().normalize(), List.copyOf(reactor));
        }

        private static String require(Map<String, String> named, String name) {
            String value = named.get(name);
            if (value == null) {
                throw new IllegalArgumentException("missing --" + name);
            }
            return value;
        }

        /** The katas this build grades, in build order (just this one when Maven did not say). */
        List<String> katasInBuild(String current) {
            return reactorKatas.isEmpty() ? List.of(current) : reactorKatas;
        }

        boolean isLastExerciseOfBuild() {
            return reactorKatas.isEmpty() || reactorKatas.get(reactorKatas.size() - 1).equals(kata);
        }
    }

    /** The results files under {@code target/grading}. */
    static final class Results {
        private final Path dir;

        Results(Path dir) {
            this.dir = dir;
        }

        void forget(String kata) {
            try {
                Files.deleteIfExists(fileOf(kata));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void save(String kata, List<TestResult> results) {
            try {
                Files.createDirectories(dir);
                Files.write(fileOf(kata), TestResult.lines(results), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The results of each kata; a kata whose tests did not run in this build maps to null. */
        Map<String, List<TestResult>> load(List<String> katas) {
            Map<String, List<TestResult>> loaded = new LinkedHashMap<>();
            for (String kata : katas) {
                Path file = fileOf(kata);
                try {
                    loaded.put(kata, Files.isRegularFile(file)
                            ? Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(TestResult::fromLine).toList()
                            : null);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return loaded;
        }

        void writeJson(String mode, List<String> katas) {
            Map<String, List<TestResult>> all = load(katas);
            List<TestResult> tests = all.values().stream().filter(java.util.Objects::nonNull).flatMap(List::stream).toList();
            long passed = tests.stream().filter(TestResult::passed).count();
            StringBuilder json = new StringBuilder("{\n  \"mode\": ").append(Json.string(mode))
                    .append(",\n  \"passed\": ").append(passed)
                    .append(",\n  \"failed\": ").append(tests.size() - passed)
                    .append(",\n  \"tests\": [");
            for (int i = 0; i < tests.size(); i++) {
                TestResult t = tests.get(i);
                json.append(i == 0 ? "\n" : ",\n").append("    {")
                        .append("\"kata\": ").append(Json.string(t.kata()))
                        .append(", \"name\": ").append(Json.string(t.name()))
                        .append(", \"test\": ").append(Json.string(t.test()))
                        .append(", \"status\": ").append(Json.string(t.passed() ? "passed" : "failed"))
                        .append(", \"bug\": ").append(t.catchesBug() ? Json.string(t.bug()) : "null")
                        .append(", \"message\": ").append(t.passed() ? "null" : Json.string(t.message()))
                        .append("}");
            }
            json.append(tests.isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
            try {
                Files.writeString(dir.resolve("results.json"), json, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private Path fileOf(String kata) {
            return dir.resolve(kata + ".tsv");
        }
    }
}
