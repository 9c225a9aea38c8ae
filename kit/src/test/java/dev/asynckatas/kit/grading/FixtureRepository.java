package dev.asynckatas.kit.grading;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small repository laid out like the real one, written into a temporary folder, for the grader's tests: katas whose
 * code and tests say exactly what the test needs (a failing test, a loop that never ends, a call to System.exit).
 */
final class FixtureRepository {

    final Path root;

    FixtureRepository(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Writes {@code text} to {@code relative} (from the root), creating folders. */
    FixtureRepository file(String relative, String text) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A kata's learner-editable class {@code fixture.Code} (package {@code fixture}), given its body. */
    FixtureRepository code(String kata, String body) {
        return file("exercises/" + kata + "/src/main/java/fixture/Code.java", "package fixture;\n\npublic class Code {\n" + body + "\n}\n");
    }

    /** A kata's test class {@code fixture.CodeTest}, given its body (JUnit and AssertJ imported, and CatchesBug). */
    FixtureRepository tests(String kata, String body) {
        return file("exercises/" + kata + "/src/test/java/fixture/CodeTest.java", """
                package fixture;

                import static org.assertj.core.api.Assertions.assertThat;
                import dev.asynckatas.kit.junit.CatchesBug;
                import org.junit.jupiter.api.Test;

                class CodeTest {
                """ + body + "\n}\n");
    }

    /** The solution's version of {@code fixture.Code}. */
    FixtureRepository solution(String kata, String body) {
        return file("solutions/" + kata + "/src/main/java/fixture/Code.java", "package fixture;\n\npublic class Code {\n" + body + "\n}\n");
    }

    /** A catalogue entry ({@code wrong-fixes/slug} or {@code alternatives/slug}) replacing {@code fixture.Code}. */
    FixtureRepository entry(String kata, String kindAndSlug, String title, String body) {
        file("solutions/" + kata + "/" + kindAndSlug + "/README.md", "# " + title + "\n\nWhat it does, and what the user sees.\n");
        return file("solutions/" + kata + "/" + kindAndSlug + "/src/main/java/fixture/Code.java",
                "package fixture;\n\npublic class Code {\n" + body + "\n}\n");
    }

    /** Records the exercise's code as its pristine broken version. */
    FixtureRepository recordPristine(String kata) {
        new Pristine(root.resolve("exercises").resolve(kata)).record();
        return this;
    }

    Path path(String relative) {
        return root.resolve(relative);
    }

    String read(String relative) {
        try {
            return Files.readString(root.resolve(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the grader printed, the reports it wrote (read right after the run), and the arguments it ran with. */
    record Output(String text, Grader.Arguments arguments, String resultsJson, String reportText, String html, List<String> verdicts) {
        /** The text with every run of white space as one space: what it says, whatever the scorecard's line breaks. */
        String flat() {
            return text.replaceAll("\\s+", " ");
        }

        /** Whether the run left the verdict file {@code name} ({@code grade-failed}, {@code grade-passed}, ...) for Maven. */
        boolean verdict(String name) {
            return verdicts.contains(name);
        }
    }

    /** Runs the grader as the last exercise of a build holding {@code katas}, with the given extra arguments. */
    Output grade(List<String> katas, String... extra) {
        List<String> args = new ArrayList<>(List.of("--mode", "grade", "--exercise", root.resolve("exercises").resolve(katas.get(katas.size() - 1)).toString(),
                "--root", root.toString(), "--hang-limit-seconds", "3"));
        args.addAll(List.of(extra));
        args.add("--reactor");
        katas.forEach(kata -> args.add("dev.asynckatas:exercise-" + kata + ":1.0.0-SNAPSHOT"));
        Grader.Arguments arguments = Grader.Arguments.parse(args.toArray(String[]::new));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        arguments.verdicts().forEach(file -> file.toFile().delete());
        Grader.run(arguments, out);
        return new Output(bytes.toString(StandardCharsets.UTF_8), arguments, readIfThere("target/grading/results.json"),
                readIfThere("target/grading/report.txt"), readIfThere("target/grading/index.html"),
                arguments.verdicts().stream().filter(Files::isRegularFile).map(file -> file.getFileName().toString()).toList());
    }

    private String readIfThere(String relative) {
        return Files.isRegularFile(root.resolve(relative)) ? read(relative) : "";
    }
}
