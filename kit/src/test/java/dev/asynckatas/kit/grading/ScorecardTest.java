package dev.asynckatas.kit.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Scorecard: the learner's view of every kata graded")
class ScorecardTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    private static TestResult passed(String kata, String name) {
        return new TestResult(kata, "T." + name, name, true, "", "", "");
    }

    private static TestResult failed(String kata, String name, String bug, String message) {
        return new TestResult(kata, "T." + name, name, false, bug, message, "");
    }

    @Test
    @DisplayName("a failing test shows [FAIL], its bug, its failure, the hint docs/<kata>.md#hints, and the closing count")
    void failingTests() {
        Map<String, List<TestResult>> katas = new LinkedHashMap<>();
        katas.put("01-background-task", List.of(passed("01-background-task", "begins a task"),
                failed("01-background-task", "ends the task", "never ends the background task", "expected: ended\nbut was: open")));
        katas.put("02-async-cancellation", List.of(passed("02-async-cancellation", "cancels")));

        boolean allPassed = Scorecard.print(katas, out);

        String card = printed.toString(StandardCharsets.UTF_8);
        assertThat(allPassed).isFalse();
        assertThat(card).contains("[FAIL] ends the task").contains("never ends the background task")
                .contains("expected: ended").contains("docs/01-background-task.md#hints")
                .contains("[pass] begins a task").contains("02-async-cancellation: 1 of 1 tests pass - solved!");
        assertThat(card.strip().lines().toList()).contains(" 2 passed, 1 failed");
    }

    @Test
    @DisplayName("when everything passes the scorecard says so and returns true")
    void everythingPasses() {
        boolean allPassed = Scorecard.print(Map.of("05-timeouts", List.of(passed("05-timeouts", "times out"))), out);

        assertThat(allPassed).isTrue();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains(" 1 passed, 0 failed").doesNotContain("[FAIL]");
    }

    @Test
    @DisplayName("a kata whose tests did not run counts as failed")
    void kataThatDidNotRun() {
        Map<String, List<TestResult>> katas = new LinkedHashMap<>();
        katas.put("03-callbacks-vs-delegates", null);

        assertThat(Scorecard.print(katas, out)).isFalse();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("03-callbacks-vs-delegates: NOT GRADED")
                .contains(" 0 passed, 1 failed");
    }
}
