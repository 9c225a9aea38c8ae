package dev.asynckatas.kit.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Pristine: the fingerprint of an exercise's broken code")
class PristineTest {

    private static final String UPLOADER = "src/main/java/dev/katas/Uploader.java";
    private static final String SOURCE = "package dev.katas;\n\nclass Uploader {\n    void upload() {\n    }\n}\n";

    @TempDir
    Path exercise;
    private Pristine pristine;

    @BeforeEach
    void recordTheBrokenVersion() throws IOException {
        write(UPLOADER, SOURCE);
        write("src/main/java/dev/katas/Screen.java", "package dev.katas;\nclass Screen {}\n");
        pristine = new Pristine(exercise);
        pristine.record();
    }

    private void write(String file, String text) throws IOException {
        Path path = exercise.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }

    @Test
    @DisplayName("right after recording, the sources are pristine")
    void recordedSourcesArePristine() {
        assertThat(pristine.isRecorded()).isTrue();
        assertThat(pristine.changedFiles()).isEmpty();
        assertThat(exercise.resolve(Pristine.FILE)).content().contains(UPLOADER);
    }

    @Test
    @DisplayName("the same code with Windows line endings is still pristine")
    void crlfIsStillPristine() throws IOException {
        write(UPLOADER, SOURCE.replace("\n", "\r\n"));

        assertThat(pristine.changedFiles()).isEmpty();
    }

    @Test
    @DisplayName("an edited, an added and a deleted file are each reported")
    void changesAreReported() throws IOException {
        write(UPLOADER, SOURCE.replace("void upload() {", "void upload() { // fixed"));
        write("src/main/java/dev/katas/Helper.java", "class Helper {}\n");
        Files.delete(exercise.resolve("src/main/java/dev/katas/Screen.java"));

        assertThat(pristine.changedFiles()).containsExactlyInAnyOrder(UPLOADER, "src/main/java/dev/katas/Helper.java",
                "src/main/java/dev/katas/Screen.java (deleted)");
    }

    @Test
    @DisplayName("an exercise without pristine.sha256 is not recorded")
    void missingFingerprint(@TempDir Path other) {
        assertThat(new Pristine(other).isRecorded()).isFalse();
    }
}
