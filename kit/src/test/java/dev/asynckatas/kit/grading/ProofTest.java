package dev.asynckatas.kit.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof (mvn verify -Pprove), on a fixture repository: the pristine exercise fails exactly its bug-catching tests,
 * the solution and every alternative pass, every wrong fix of the catalogue is caught — and each way that can go wrong
 * is reported by name.
 */
@DisplayName("The proof (mvn verify -Pprove), on a fixture repository")
@Timeout(value = 90, unit = TimeUnit.SECONDS) // each proof starts a test JVM per kata
class ProofTest {

    private static final String TESTS = """
                @Test @CatchesBug("adds by subtracting")
                void adds() { assertThat(new Code().add(2, 3)).isEqualTo(5); assertThat(new Code().add(1, 1)).isEqualTo(2); }

                @Test
                void greets() { assertThat(new Code().greet()).isEqualTo("hello"); }""";

    @TempDir
    static Path folder;
    static FixtureRepository repo;

    @BeforeAll
    static void writeTheFixture() {
        repo = new FixtureRepository(folder)
                .code("95-proven", "public int add(int a, int b) { return a - b; }\npublic String greet() { return \"hello\"; }")
                .tests("95-proven", TESTS)
                .solution("95-proven", "public int add(int a, int b) { return a + b; }\npublic String greet() { return \"hello\"; }")
                .entry("95-proven", "wrong-fixes/always-five", "Returns five", "public int add(int a, int b) { return 5; }\npublic String greet() { return \"hello\"; }")
                .entry("95-proven", "wrong-fixes/spins", "Loops for ever", "public int add(int a, int b) { while (a == a) { b++; } return b; }\n"
                        + "public String greet() { return \"hello\"; }")
                .entry("95-proven", "alternatives/exact", "Adds exactly", "public int add(int a, int b) { return Math.addExact(a, b); }\n"
                        + "public String greet() { return \"hello\"; }")
                .recordPristine("95-proven")
                .code("96-gaps", "public int add(int a, int b) { return a - b; }\npublic String greet() { return \"hi\"; }")
                .tests("96-gaps", TESTS)
                .solution("96-gaps", "public int add(int a, int b) { return a + b; }\npublic String greet() { return \"hello\"; }")
                .entry("96-gaps", "wrong-fixes/not-wrong-at-all", "A fix the tests let through",
                        "public int add(int a, int b) { return b + a; }\npublic String greet() { return \"hello\"; }")
                .entry("96-gaps", "alternatives/wrong-after-all", "An alternative that fails",
                        "public int add(int a, int b) { return 0; }\npublic String greet() { return \"hello\"; }")
                .recordPristine("96-gaps");
    }

    @Test
    @DisplayName("a kata whose tests have teeth: every wrong fix caught (a loop for ever by the hang limit), alternatives green")
    void provesAKata() {
        FixtureRepository.Output output = repo.grade(List.of("95-proven"), "--mode", "prove");

        assertThat(output.flat()).contains("95-proven: teeth proven; solution passes; 2 of 2 wrong fixes caught; 1 of 1 alternatives pass (5 variants in")
                .contains("1 bug-catching tests fail on the pristine exercise, 1 other tests pass on it")
                .contains("wrong-fixes/always-five caught by CodeTest.adds")
                .contains("wrong-fixes/spins caught by CodeTest.adds (error)")
                .contains("the correct alternative alternatives/exact passes all 2 tests")
                .contains("[prove] proven: 95-proven");
        assertThat(output.verdict("proof-failed")).isFalse();
    }

    @Test
    @DisplayName("a wrong fix that passes every test, an alternative that fails, a test that fails on the broken code without claiming a bug: each named")
    void namesEveryGap() {
        FixtureRepository.Output output = repo.grade(List.of("96-gaps"), "--mode", "prove");

        assertThat(output.flat()).contains("FAILED: CodeTest.greets declares no bug but FAILS on the broken version")
                .contains("FAILED: wrong-fixes/not-wrong-at-all (A fix the tests let through) PASSES every test")
                .contains("FAILED: the correct alternative alternatives/wrong-after-all must pass every test, but 1 of 2 do not")
                .contains("NOT proven: 96-gaps");
        assertThat(output.verdict("proof-failed")).isTrue();
    }

    @Test
    @DisplayName("an edited exercise is a learner's work in progress, never a broken repository")
    void anEditedExerciseIsProgress() {
        repo.code("95-proven", "public int add(int a, int b) { return a + b; }\npublic String greet() { return \"hello\"; }");
        try {
            FixtureRepository.Output output = repo.grade(List.of("95-proven"), "--mode", "prove");

            assertThat(output.flat()).contains("exercise edited (teeth not checked)").contains("a learner's work in progress, 2 of 2 tests pass");
            assertThat(output.verdict("proof-failed")).isFalse();
        } finally {
            repo.code("95-proven", "public int add(int a, int b) { return a - b; }\npublic String greet() { return \"hello\"; }");
        }
    }
}
