package dev.asynckatas.kit.grading;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The grader: {@code mvn test} grades the katas, {@code mvn verify -Pprove} proves the repository. Maven runs it in
 * every exercise module of the build; only the last one does the work, for every kata of the build at once (two at
 * a time, one test JVM each), so that there is one scorecard, printed last.
 *
 * <dl>
 *   <dt>{@code grade}</dt><dd>compiles each kata's code and tests, runs the tests, writes the reports under
 *       {@code target/grading/} (text, HTML, results.json) and prints the scorecard. The build fails while a test fails.</dd>
 *   <dt>{@code prove}</dt><dd>for each kata: the pristine exercise fails exactly its {@code @CatchesBug} tests, the
 *       solution and every correct alternative pass every test, every wrong fix of the catalogue fails some test.</dd>
 *   <dt>{@code record}</dt><dd>(maintainers) records each exercise's code as its pristine broken version, then proves.</dd>
 * </dl>
 *
 * <p>Arguments: {@code --mode M --exercise DIR --root DIR --only SELECTION --details BOOLEAN --reactor <Maven's project list>}.
 */
public final class Grader {

    /** Test JVMs at once when grading: one per core, on the 2 cores a workshop laptop or CI runner has. */
    private static final int GRADING_JVMS = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    /**
     * Test JVMs at once when proving: one more than the cores, because much of a proof's time is real-socket tests waiting
     * for real time to pass (a bound to expire, an abort to be seen), which costs no processor.
     */
    private static final int PROVING_JVMS = GRADING_JVMS + 1;

    private static final Pattern EXERCISE_IN_REACTOR = Pattern.compile("dev\\.asynckatas:exercise-([0-9]{2}-[a-z0-9-]+):");

    private Grader() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        int status = 0;
        try {
            Arguments arguments = Arguments.parse(args);
            arguments.verdicts().forEach(Grader::deleteIfExists);
            if (arguments.isLastExerciseOfBuild()) {
                run(arguments, out);
            }
        } catch (RuntimeException e) {
            out.println("[katas] the grader itself failed: " + e);
            e.printStackTrace(out);
            status = 2;
        }
        System.exit(status);
    }

    static void run(Arguments args, PrintStream out) {
        Path verdict = args.verdictFile(false);
        Toolbox tools = Toolbox.fromThisJvm(args.root(), args.hangLimit());
        List<String> katas = args.selectedKatas();
        if (katas.isEmpty()) {
            out.println("[katas] no kata matches -Dkata=" + args.only() + ". The katas: " + String.join(", ", KataSources.all(args.root())));
            touch(verdict);
            return;
        }
        boolean ok = switch (args.mode()) {
            case "grade" -> grade(args, tools, katas, out);
            case "record" -> {
                katas.forEach(kata -> {
                    new Pristine(new KataSources(args.root(), kata).exercise()).record();
                    out.println("[prove] recorded exercises/" + kata + "/" + Pristine.FILE + " as the pristine broken version");
                });
                yield prove(tools, katas, out);
            }
            default -> prove(tools, katas, out);
        };
        touch(ok ? args.verdictFile(true) : verdict);
    }

    private static boolean grade(Arguments args, Toolbox tools, List<String> katas, PrintStream out) {
        Instant started = WallClock.now();
        WallClock.Stopwatch stopwatch = WallClock.start();
        out.println("[katas] grading " + (katas.size() == 1 ? katas.get(0) : katas.size() + " katas") + " ...");
        Map<String, KataOutcome> graded = inParallel(katas, GRADING_JVMS, kata -> KataGrading.grade(new KataSources(args.root(), kata), tools),
                outcome -> out.println("[katas] " + Scorecard.progressLine(outcome)));

        List<KataOutcome> all = new ArrayList<>();
        for (String kata : KataSources.all(args.root())) {
            all.add(graded.getOrDefault(kata, KataOutcome.notRun(kata, new Pristine(new KataSources(args.root(), kata).exercise()).isPristine())));
        }
        Reports.Run run = new Reports.Run(started, stopwatch.elapsed(), Reports.gitCommit(args.root()), all);
        Path reports = args.root().resolve("target/grading");
        Reports.write(reports, run);
        Scorecard.print(run, katas.size() == 1 || args.details(), args.details(), out);
        return all.stream().filter(KataOutcome::graded).allMatch(k -> k.status() == KataStatus.SOLVED);
    }

    private static boolean prove(Toolbox tools, List<String> katas, PrintStream out) {
        out.println("[prove] proving " + String.join(", ", katas) + " (the exercises' teeth, the solutions and the catalogues) ...");
        Map<String, KataProof.Outcome> proofs = inParallel(katas, PROVING_JVMS, kata -> KataProof.prove(new KataSources(tools.root(), kata), tools),
                outcome -> {
                    out.println("[prove] " + outcome.summary());
                    outcome.verdicts().forEach(v -> v.lines().forEach(line -> out.println("[prove]   " + (v.ok() ? "" : "FAILED: ") + line)));
                });
        Reports.writeProof(tools.root().resolve("target/grading"), proofs.values());
        boolean ok = proofs.values().stream().allMatch(KataProof.Outcome::ok);
        out.println(ok ? "[prove] proven: " + String.join(", ", proofs.keySet())
                : "[prove] NOT proven: " + String.join(", ", proofs.values().stream().filter(p -> !p.ok()).map(KataProof.Outcome::kata).toList())
                + " (see the FAILED lines above, and target/grading/proof.txt)");
        return ok;
    }

    /** Runs {@code work} for each kata, {@code jvms} at a time, and reports each result in kata order as soon as it is known. */
    private static <T> Map<String, T> inParallel(List<String> katas, int jvms, Function<String, T> work, java.util.function.Consumer<T> report) {
        ExecutorService pool = Executors.newFixedThreadPool(jvms,
                task -> Thread.ofPlatform().name("katas-grader").daemon().unstarted(task));
        try {
            Map<String, Future<T>> futures = new LinkedHashMap<>();
            katas.forEach(kata -> futures.put(kata, pool.submit(() -> work.apply(kata))));
            Map<String, T> results = new LinkedHashMap<>();
            for (Map.Entry<String, Future<T>> entry : futures.entrySet()) {
                T result = entry.getValue().get();
                report.accept(result);
                results.put(entry.getKey(), result);
            }
            return results;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void touch(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "see the report above\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteIfExists(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The command line, as the exercises' parent POM passes it. */
    record Arguments(String mode, Path exercise, Path root, String only, boolean details, Duration hangLimit, List<String> reactorKatas) {

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
                int equals = args[i].indexOf('=');
                if (args[i].startsWith("--") && equals > 0) {
                    // --only= (Maven drops an empty quoted argument, so values that may be empty come this way)
                    named.put(args[i].substring(2, equals), args[i].substring(equals + 1));
                } else if (args[i].startsWith("--") && i + 1 < args.length) {
                    named.put(args[i].substring(2), args[++i]);
                }
            }
            String mode = named.getOrDefault("mode", "grade");
            if (!List.of("grade", "prove", "record").contains(mode)) {
                throw new IllegalArgumentException("unknown mode " + mode + " (grade, prove or record)");
            }
            String details = named.getOrDefault("details", "false");
            return new Arguments(mode, Path.of(require(named, "exercise")).toAbsolutePath().normalize(),
                    Path.of(require(named, "root")).toAbsolutePath().normalize(), cleaned(named.getOrDefault("only", "")),
                    details.isEmpty() || details.equals("true"), Duration.ofSeconds(Long.parseLong(named.getOrDefault("hang-limit-seconds", "10"))),
                    List.copyOf(reactor));
        }

        /** An unset Maven property arrives as its own {@code ${name}}: that means "not set". */
        private static String cleaned(String value) {
            return value.startsWith("${") ? "" : value.strip();
        }

        private static String require(Map<String, String> named, String name) {
            String value = named.get(name);
            if (value == null) {
                throw new IllegalArgumentException("missing --" + name);
            }
            return value;
        }

        String kata() {
            return exercise.getFileName().toString();
        }

        /** The katas of this build, narrowed by {@code -Dkata=03} (a number, a name, or a comma-separated list of either). */
        List<String> selectedKatas() {
            List<String> inBuild = reactorKatas.isEmpty() ? List.of(kata()) : reactorKatas;
            if (only.isEmpty()) {
                return inBuild;
            }
            List<String> selected = new ArrayList<>();
            for (String wanted : only.split(",")) {
                String w = wanted.strip();
                String number = w.matches("\\d") ? "0" + w : w;
                inBuild.stream().filter(k -> k.equals(w) || k.startsWith(number + "-") || k.substring(3).equals(w))
                        .filter(k -> !selected.contains(k)).forEach(selected::add);
            }
            return selected;
        }

        boolean isLastExerciseOfBuild() {
            return reactorKatas.isEmpty() || reactorKatas.get(reactorKatas.size() - 1).equals(kata());
        }

        /** The file the exercises' POM turns into the build's verdict: whether it passed, in this mode. */
        Path verdictFile(boolean passed) {
            return exercise.resolve("target/katas").resolve((mode.equals("grade") ? "grade-" : "proof-") + (passed ? "passed" : "failed"));
        }

        /** Every verdict file, of every mode: none may be left from an earlier build. */
        List<Path> verdicts() {
            Path folder = exercise.resolve("target/katas");
            return List.of(folder.resolve("grade-failed"), folder.resolve("grade-passed"), folder.resolve("proof-failed"),
                    folder.resolve("proof-passed"));
        }
    }
}
