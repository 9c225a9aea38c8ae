package dev.asynckatas.kit.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("TestResult: one line per test in the results files")
class TestResultTest {

    @Test
    @DisplayName("a result survives the line format with tabs, newlines and backslashes in its fields")
    void roundTrip() {
        TestResult original = new TestResult("01-background-task", "BackgroundTaskTest.endsTheTask", "ends\tthe task",
                false, "never ends the task \\ leaks it", "expected: <1>\nbut was: <0>",
                "at Foo.bar(Foo.java:1)\n\ta literal \\n and \\t stay as typed\\");

        String line = original.toLine();

        assertThat(line).doesNotContain("\n").doesNotContain("\r");
        assertThat(line.split("\t", -1)).hasSize(7);
        assertThat(TestResult.fromLine(line)).isEqualTo(original);
    }

    @Test
    @DisplayName("carriage returns are dropped, so Windows line endings read back as plain newlines")
    void carriageReturnsAreDropped() {
        TestResult windows = new TestResult("k", "T.m", "n", true, "", "one\r\ntwo", "");

        assertThat(TestResult.fromLine(windows.toLine()).message()).isEqualTo("one\ntwo");
    }

    @Test
    @DisplayName("a result catches a bug exactly when it names one, and lines() gives one line per result")
    void catchesBugAndLines() {
        TestResult bug = new TestResult("k", "T.a", "a", false, "the bug", "", "");
        TestResult plain = new TestResult("k", "T.b", "b", true, "", "", "");

        assertThat(bug.catchesBug()).isTrue();
        assertThat(plain.catchesBug()).isFalse();
        assertThat(TestResult.lines(List.of(bug, plain))).hasSize(2)
                .satisfiesExactly(a -> assertThat(a).contains("failed"), b -> assertThat(b).contains("passed"));
    }
}
