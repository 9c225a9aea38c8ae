package dev.asynckatas.kit.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The grading run's reports under {@code target/grading/}: {@code report.txt} (every failure in full, with its
 * timeline), {@code index.html} (the same, with timelines drawn as swim lanes: one self-contained page) and
 * {@code results.json} (for instructors and dashboards; its schema is {@code docs/results.schema.json}). All three
 * are rewritten on every run and list every kata of the repository, those not graded in the run marked so: nothing is
 * ever left over from an earlier run.
 */
final class Reports {

    /**
     * One grading run.
     *
     * @param startedAt when it started
     * @param duration  how long it took
     * @param commit    the repository's commit, when git could tell
     * @param katas     every kata of the repository, in order
     */
    record Run(Instant startedAt, Duration duration, Optional<String> commit, List<KataOutcome> katas) {
    }

    private Reports() {
    }

    static void write(Path folder, Run run) {
        writeFile(folder.resolve("results.json"), ResultsJson.of(run));
        writeFile(folder.resolve("report.txt"), text(run));
        writeFile(folder.resolve("index.html"), HtmlReport.of(run));
    }

    static void writeProof(Path folder, Collection<KataProof.Outcome> proofs) {
        StringBuilder text = new StringBuilder("async-katas proof\n\n");
        for (KataProof.Outcome proof : proofs) {
            text.append(proof.summary()).append('\n');
            proof.verdicts().forEach(v -> v.lines().forEach(line -> text.append("  ").append(v.ok() ? "ok      " : "FAILED  ").append(line).append('\n')));
            for (VariantRun run : proof.runs()) {
                text.append("\n  ").append(run.name()).append(": ").append(run.count(TestResult.Status.PASSED)).append(" of ")
                        .append(run.tests().size()).append(" tests pass (").append(run.ending()).append("); slowest: ")
                        .append(String.join(", ", run.tests().stream().sorted(java.util.Comparator.comparing(TestResult::duration).reversed())
                                .limit(3).map(t -> t.test() + " " + t.duration().toMillis() + " ms").toList())).append("\n");
                run.failures().forEach(t -> text.append("    ").append(t.status().label()).append("  ").append(t.test()).append(": ")
                        .append(t.firstLine()).append('\n'));
            }
            text.append('\n');
        }
        writeFile(folder.resolve("proof.txt"), text.toString());
    }

    /** Every failure in full, for whoever wants more than the scorecard. */
    static String text(Run run) {
        StringBuilder out = new StringBuilder("async-katas grading report\n");
        out.append("started ").append(run.startedAt()).append(", took ").append(run.duration().toMillis() / 1000.0).append(" s")
                .append(run.commit().map(c -> ", commit " + c).orElse("")).append("\n");
        for (KataOutcome kata : run.katas()) {
            out.append("\n").append("=".repeat(Scorecard.WIDTH)).append("\n").append(kata.kata()).append(": ").append(kata.status().label());
            if (kata.graded() && kata.status() != KataStatus.NOT_COMPILED) {
                out.append(", ").append(kata.passed()).append(" of ").append(kata.tests().size()).append(" tests pass");
            }
            out.append(kata.pristine() ? " (the pristine exercise)" : "").append("\n");
            if (!kata.report().isEmpty()) {
                out.append("\n").append(kata.report().strip()).append("\n");
            }
            for (VariantRun.Advice advice : kata.advice()) {
                out.append("advice: ").append(advice.where()).append(": ").append(advice.what()).append(" - ")
                        .append(Hygiene.WHY.getOrDefault(advice.kind(), "")).append("\n");
            }
            for (TestResult test : kata.tests()) {
                out.append("\n[").append(test.status().label()).append("] ").append(test.nameWithCases()).append("   (").append(test.test()).append(")\n");
                if (!test.passed()) {
                    if (test.catchesBug()) {
                        out.append("bug: ").append(test.bug()).append("\n");
                    }
                    out.append(test.details().isEmpty() ? test.message() : test.details()).append("\n");
                }
            }
        }
        return out.toString();
    }

    /** The current commit, or empty when this is not a git checkout (or git is not installed). */
    static Optional<String> gitCommit(Path root) {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "HEAD").directory(root.toFile()).redirectErrorStream(true).start();
            String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!git.waitFor(10, TimeUnit.SECONDS)) {
                git.destroyForcibly();
                return Optional.empty();
            }
            return git.exitValue() == 0 && output.matches("[0-9a-f]{40}") ? Optional.of(output) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static void writeFile(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
