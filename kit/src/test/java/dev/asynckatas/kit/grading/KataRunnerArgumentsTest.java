package dev.asynckatas.kit.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("KataRunner's command line, as the exercises' parent POM passes it")
class KataRunnerArgumentsTest {

    private static final String REACTOR = "[MavenProject: dev.asynckatas:async-katas:1.0.0-SNAPSHOT @ /x/pom.xml,"
            + " MavenProject: dev.asynckatas:kit:1.0.0-SNAPSHOT @ /x/kit/pom.xml,"
            + " MavenProject: dev.asynckatas:exercise-01-background-task:1.0.0-SNAPSHOT @ /x/exercises/01-background-task/pom.xml]";

    /** The arguments as Maven hands them over: the reactor list split on its spaces. */
    private static String[] args(String mode, String kata, String reactor) {
        List<String> args = new ArrayList<>(List.of("--mode", mode, "--kata", kata,
                "--exercise", "/x/exercises/" + kata, "--root", "/x/exercises/..", "--reactor"));
        args.addAll(List.of(reactor.split(" ")));
        return args.toArray(String[]::new);
    }

    @Test
    @DisplayName("parses the named arguments and finds the exercises in Maven's reactor list")
    void parsesTheReactor() {
        KataRunner.Arguments parsed = KataRunner.Arguments.parse(args("grade", "01-background-task", REACTOR));

        assertThat(parsed.mode()).isEqualTo("grade");
        assertThat(parsed.kata()).isEqualTo("01-background-task");
        assertThat(parsed.exercise()).isEqualTo(Path.of("/x/exercises/01-background-task"));
        assertThat(parsed.root()).isEqualTo(Path.of("/x"));
        assertThat(parsed.reactorKatas()).containsExactly("01-background-task");
        assertThat(parsed.isLastExerciseOfBuild()).isTrue();
    }

    @Test
    @DisplayName("only the last exercise of the reactor prints the scorecard")
    void lastExerciseOfTheBuild() {
        String two = REACTOR.replace("]", ", MavenProject: dev.asynckatas:exercise-02-async-cancellation:1.0.0-SNAPSHOT"
                + " @ /x/exercises/02-async-cancellation/pom.xml]");

        KataRunner.Arguments first = KataRunner.Arguments.parse(args("grade", "01-background-task", two));
        KataRunner.Arguments second = KataRunner.Arguments.parse(args("grade", "02-async-cancellation", two));

        assertThat(first.reactorKatas()).containsExactly("01-background-task", "02-async-cancellation");
        assertThat(first.isLastExerciseOfBuild()).isFalse();
        assertThat(second.isLastExerciseOfBuild()).isTrue();
        assertThat(first.katasInBuild("01-background-task")).containsExactly("01-background-task", "02-async-cancellation");
    }

    @Test
    @DisplayName("without a reactor list the kata is the whole build, and the mode defaults to prove")
    void withoutAReactor() {
        KataRunner.Arguments parsed = KataRunner.Arguments.parse(
                new String[] {"--kata", "05-timeouts", "--exercise", "/x/exercises/05-timeouts", "--root", "/x"});

        assertThat(parsed.mode()).isEqualTo("prove");
        assertThat(parsed.katasInBuild("05-timeouts")).containsExactly("05-timeouts");
        assertThat(parsed.isLastExerciseOfBuild()).isTrue();
    }

    @Test
    @DisplayName("a missing argument or an unknown mode is refused with its name")
    void refusesBadArguments() {
        assertThatThrownBy(() -> KataRunner.Arguments.parse(new String[] {"--exercise", "/x", "--root", "/x"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--kata");
        assertThatThrownBy(() -> KataRunner.Arguments.parse(args("score", "01-background-task", REACTOR)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("score");
    }
}
