package dev.asynckatas.kit.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("KataRunner's results files under target/grading: one per kata, and results.json for dashboards")
class KataRunnerResultsTest {

    @TempDir
    Path dir;

    private final TestResult fixed = new TestResult("01-background-task", "T.ends", "ends the task", true, "never ends it", "", "");
    private final TestResult broken = new TestResult("01-background-task", "T.quotes", "keeps \"quotes\"", false, "",
            "expected:\t<1>\nbut was: <0>", "details");

    @Test
    @DisplayName("saved results load back as they were, and a kata that did not run loads as null")
    void saveAndLoad() {
        KataRunner.Results results = new KataRunner.Results(dir);
        results.save("01-background-task", List.of(fixed, broken));

        Map<String, List<TestResult>> loaded = results.load(List.of("01-background-task", "02-async-cancellation"));

        assertThat(loaded.get("01-background-task")).containsExactly(fixed, broken);
        assertThat(loaded).containsEntry("02-async-cancellation", null);

        results.forget("01-background-task");
        assertThat(results.load(List.of("01-background-task"))).containsEntry("01-background-task", null);
    }

    @Test
    @DisplayName("results.json counts passed and failed tests and escapes every string")
    void writesJson() throws IOException {
        KataRunner.Results results = new KataRunner.Results(dir);
        results.save("01-background-task", List.of(fixed, broken));

        results.writeJson("grade", List.of("01-background-task", "02-async-cancellation"));

        String json = Files.readString(dir.resolve("results.json"));
        assertThat(json).contains("\"mode\": \"grade\"").contains("\"passed\": 1").contains("\"failed\": 1")
                .contains("\"bug\": \"never ends it\"").contains("\"bug\": null")
                .contains("\"name\": \"keeps \\\"quotes\\\"\"")
                .contains("\"message\": \"expected:\\t<1>\\nbut was: <0>\"");
        assertThat(Json.string("a\u0001b")).isEqualTo("\"a\\u0001b\"");
    }
}
