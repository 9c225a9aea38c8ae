package dev.asynckatas.kit.grading;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts the {@link TestJvm} for a kata, watches it, and reads what it reported. When a variant's run ends early (a
 * hang, an exit, a crash), the variant is reported as it stood, and a new test JVM runs the variants after it: one
 * misbehaving catalogue entry never hides the verdict on the others.
 */
final class TestJvmLauncher {

    /** Beyond the test JVM's own watchdog, how long a silent test JVM may go on before the grader ends it. */
    private static final Duration SILENCE_GRACE = Duration.ofSeconds(20);

    private final Path root;
    private final List<String> classpath;
    private final Duration hangLimit;

    TestJvmLauncher(Path root, List<String> classpath, Duration hangLimit) {
        this.root = root;
        this.classpath = List.copyOf(classpath);
        this.hangLimit = hangLimit;
    }

    /**
     * As {@link #run}, on {@code jvms} test JVMs at once, each given every {@code jvms}-th variant: a proof's variants
     * spend much of their time waiting for real time to pass (real-socket tests), and two JVMs wait side by side. The
     * runs come back in the order of {@code variants}.
     */
    List<VariantRun> runSplit(List<VariantSpec> variants, int jvms, Path workDir, Path log) {
        if (jvms <= 1 || variants.size() < 2) {
            return run(variants, workDir, log);
        }
        List<List<VariantSpec>> shares = new ArrayList<>();
        for (int i = 0; i < jvms; i++) {
            shares.add(new ArrayList<>());
        }
        for (int i = 0; i < variants.size(); i++) {
            shares.get(i % jvms).add(variants.get(i));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(jvms,
                task -> Thread.ofPlatform().name("katas-test-jvm").daemon().unstarted(task));
        try {
            List<java.util.concurrent.Future<List<VariantRun>>> futures = new ArrayList<>();
            for (int i = 0; i < jvms; i++) {
                int share = i;
                String suffix = share == 0 ? "" : "-" + (share + 1);
                futures.add(pool.submit(() -> run(shares.get(share), workDir.resolve("jvm-" + (share + 1)),
                        log.resolveSibling(log.getFileName().toString().replace(".log", suffix + ".log")))));
            }
            Map<String, VariantRun> byName = new LinkedHashMap<>();
            for (java.util.concurrent.Future<List<VariantRun>> future : futures) {
                future.get().forEach(run -> byName.put(run.name(), run));
            }
            return variants.stream().map(v -> byName.get(v.name())).toList();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs the kata's tests against each variant, in order, and returns one run per variant. */
    List<VariantRun> run(List<VariantSpec> variants, Path workDir, Path log) {
        List<VariantRun> runs = new ArrayList<>();
        List<VariantSpec> remaining = variants;
        int attempt = 0;
        Path tmp = workDir.resolve("tmp");
        try {
            Files.createDirectories(log.getParent());
            Files.createDirectories(workDir);
            Files.deleteIfExists(log);
            while (!remaining.isEmpty()) {
                Path events = workDir.resolve("events-" + attempt + ".tsv");
                Path spec = workDir.resolve("variants-" + attempt + ".tsv");
                JavaCompilation.recreate(tmp);
                Files.deleteIfExists(events);
                VariantSpec.write(spec, remaining);
                Exit exit = runJvm(events, spec, tmp, log);
                List<VariantRun> done = interpret(remaining, TestEvents.read(events), exit, log);
                runs.addAll(done);
                remaining = remaining.subList(done.size(), remaining.size());
                attempt++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            JavaCompilation.deleteRecursively(tmp);
        }
        return runs;
    }

    /** How the test JVM ended: its exit status, or that the grader had to end it. */
    private record Exit(int status, boolean silent) {
    }

    private Exit runJvm(Path events, Path spec, Path tmp, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Model-checking tests load their agent at run time; say so rather than print a warning in the learner's log.
                "-XX:+EnableDynamicAgentLoading",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss4m",
                "-Djava.io.tmpdir=" + tmp,
                "-Djava.awt.headless=true", "-Dstdout.encoding=UTF-8", "-Dstderr.encoding=UTF-8", "-Dfile.encoding=UTF-8",
                "-classpath", String.join(File.pathSeparator, classpath),
                TestJvm.class.getName(), events.toString(), Long.toString(hangLimit.toMillis()), spec.toString(), root.toString()));
        // The log starts with the command, so that a maintainer can run the same test JVM by hand.
        Files.writeString(log, String.join(" ", command) + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long lastSize = -1;
        long silentSeconds = 0;
        try {
            while (!process.waitFor(1, TimeUnit.SECONDS)) {
                long size = Files.exists(events) ? Files.size(events) : 0;
                silentSeconds = size == lastSize ? silentSeconds + 1 : 0;
                lastSize = size;
                if (silentSeconds > hangLimit.plus(SILENCE_GRACE).toSeconds()) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor();
                    return new Exit(-1, true);
                }
            }
            return new Exit(process.exitValue(), false);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the tests ran", e);
        }
    }

    /** The runs of the variants this test JVM got through: every finished one, and the one it ended in, if any. */
    private List<VariantRun> interpret(List<VariantSpec> variants, List<TestEvents.Event> events, Exit exit, Path log) {
        List<VariantRun> runs = new ArrayList<>();
        int index = -1;
        Map<String, TestResult> tests = new LinkedHashMap<>();
        List<VariantRun.Advice> advice = new ArrayList<>();
        String running = "";
        for (TestEvents.Event event : events) {
            switch (event.type()) {
                case "variant" -> {
                    index++;
                    tests = new LinkedHashMap<>();
                    advice = new ArrayList<>();
                    running = "";
                }
                case "planned" -> tests.putIfAbsent(event.field(0), TestResult.notRun(event.field(0), event.field(1), event.field(2), ""));
                case "started" -> running = event.field(0);
                case "finished" -> tests.put(event.field(0), event.finishedResult());
                case "advice" -> advice.add(new VariantRun.Advice(event.field(0), event.field(1), event.field(2)));
                case "done" -> runs.add(new VariantRun(variants.get(index).name(), List.copyOf(tests.values()), VariantRun.Ending.COMPLETED,
                        "", "", advice));
                case "hung" -> {
                    return ended(runs, variants.get(index), tests, advice, event.field(0), VariantRun.Ending.HUNG, event.field(1), event.field(2));
                }
                case "exited" -> {
                    return ended(runs, variants.get(index), tests, advice, event.field(0).isEmpty() ? running : event.field(0),
                            VariantRun.Ending.EXITED, event.field(1), event.field(2));
                }
                default -> throw new IllegalStateException("unknown test event " + event.type());
            }
        }
        if (runs.size() == variants.size()) {
            return runs;
        }
        // The JVM died without a word: reported as a crash of the variant it was in (or of the next one, before it began).
        VariantSpec crashed = variants.get(Math.max(index, runs.size()));
        String why = exit.silent()
                ? "The test JVM stopped reporting for " + hangLimit.plus(SILENCE_GRACE).toSeconds() + " s and was ended by the grader."
                : "The test JVM ended with exit status " + exit.status() + " before its tests were over.";
        return ended(runs, crashed, index >= runs.size() ? tests : new LinkedHashMap<>(), advice, running, VariantRun.Ending.CRASHED, "",
                why + "\nThe end of its output (" + root.relativize(log.toAbsolutePath().normalize()) + "):\n" + tail(log));
    }

    private static List<VariantRun> ended(List<VariantRun> runs, VariantSpec variant, Map<String, TestResult> tests,
            List<VariantRun.Advice> advice, String culprit, VariantRun.Ending ending, String where, String report) {
        String reason = switch (ending) {
            case HUNG -> "It never finished" + (where.isEmpty() ? "" : ": at " + fileAndLine(where)) + ", " + firstLine(report);
            case EXITED -> "It ended the test JVM" + (where.isEmpty() ? "" : ": System.exit was called at " + fileAndLine(where)) + ".";
            default -> firstLine(report);
        };
        List<TestResult> results = new ArrayList<>();
        for (TestResult test : tests.values()) {
            if (test.test().equals(culprit)) {
                results.add(test.withStatus(TestResult.Status.ERROR, reason, report));
            } else if (test.status() == TestResult.Status.NOT_RUN && test.message().isEmpty()) {
                results.add(test.withStatus(TestResult.Status.NOT_RUN, "not run: " + (culprit.isEmpty() ? "the test JVM ended" : culprit
                        + (ending == VariantRun.Ending.HUNG ? " hung" : " ended the test JVM")) + " before it", ""));
            } else {
                results.add(test);
            }
        }
        List<VariantRun> all = new ArrayList<>(runs);
        all.add(new VariantRun(variant.name(), results, ending, where, report, advice));
        return all;
    }

    /** {@code CheckoutScreen.java:45 (CheckoutScreen.placeOrder)}: the folders are in {@code where}, kept in the reports. */
    static String fileAndLine(String where) {
        int space = where.indexOf(' ');
        String path = space < 0 ? where : where.substring(0, space);
        return path.substring(path.lastIndexOf('/') + 1) + (space < 0 ? "" : where.substring(space));
    }

    private static String firstLine(String text) {
        String stripped = text.strip();
        int newline = stripped.indexOf('\n');
        return newline < 0 ? stripped : stripped.substring(0, newline);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException | UncheckedIOException unreadable) {
            return "(no output)";
        }
    }
}
