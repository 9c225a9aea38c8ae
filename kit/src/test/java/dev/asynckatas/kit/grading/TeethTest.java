package dev.asynckatas.kit.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Teeth: on the pristine broken version, bug tests fail and the others pass")
class TeethTest {

    private static final String KATA = "01-background-task";
    private static final String BUG = "never ends the background task";

    @TempDir
    Path exercise;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @BeforeEach
    void brokenVersion() throws IOException {
        Path source = exercise.resolve("src/main/java/dev/katas/Uploader.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "class Uploader {}\n");
    }

    private Pristine recorded() {
        Pristine pristine = new Pristine(exercise);
        pristine.record();
        return pristine;
    }

    private static TestResult bugTest(boolean passed) {
        return new TestResult(KATA, "UploadTest.endsTheTask", "ends the task", passed, BUG, passed ? "" : "expected ended", "");
    }

    private static TestResult otherTest(boolean passed) {
        return new TestResult(KATA, "UploadTest.uploads", "uploads the file", passed, "", passed ? "" : "expected 1 upload", "");
    }

    private boolean check(Pristine pristine, TestResult... results) {
        return Teeth.check(KATA, exercise, pristine, List.of(results), out);
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("pristine, the bug test failing and the other passing: the tests have teeth")
    void pristineWithTeeth() {
        assertThat(check(recorded(), bugTest(false), otherTest(true))).isTrue();

        assertThat(printed()).contains("the tests have teeth").contains("caught: " + BUG);
    }

    @Test
    @DisplayName("a bug test that passes on the pristine version fails the proof, naming the test")
    void bugTestWithoutTeeth() {
        assertThat(check(recorded(), bugTest(true), otherTest(true))).isFalse();

        assertThat(printed()).contains("UploadTest.endsTheTask").contains(BUG).contains("PASSES on the broken version");
    }

    @Test
    @DisplayName("a test that declares no bug but fails on the pristine version fails the proof")
    void otherTestFailing() {
        assertThat(check(recorded(), bugTest(false), otherTest(false))).isFalse();

        assertThat(printed()).contains("UploadTest.uploads").contains("declares no bug but FAILS").contains("expected 1 upload");
    }

    @Test
    @DisplayName("no test that declares a bug fails the proof")
    void noBugTests() {
        assertThat(check(recorded(), otherTest(true))).isFalse();

        assertThat(printed()).contains("no test declares @CatchesBug");
    }

    @Test
    @DisplayName("edited sources are a learner's work in progress: the build goes on, whatever the results")
    void editedSourcesAreWorkInProgress() throws IOException {
        Pristine pristine = recorded();
        Files.writeString(exercise.resolve("src/main/java/dev/katas/Uploader.java"), "class Uploader { /* fixed */ }\n");

        assertThat(check(pristine, bugTest(true), otherTest(false))).isTrue();

        assertThat(printed()).contains("work in progress").contains("Uploader.java").contains("1 of 1 bug-catching tests pass");
    }

    @Test
    @DisplayName("a missing pristine.sha256 fails the proof and says how to record it")
    void missingFingerprint() {
        assertThat(check(new Pristine(exercise), bugTest(false), otherTest(true))).isFalse();

        assertThat(printed()).contains(Pristine.FILE + " is missing").contains("-Dkatas.mode=record");
    }
}
