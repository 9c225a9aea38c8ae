package dev.asynckatas.kit.grading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asynckatas.kit.timeline.TimelineEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The grader's parts: events, arguments, one-line messages, the scorecard's lines")
class GraderPartsTest {

    @TempDir
    Path folder;

    @Test
    @DisplayName("a test's result goes through the events file unchanged: tabs, newlines, backslashes, cases and timeline")
    void eventsRoundTrip() {
        Path file = folder.resolve("events.tsv");
        TestResult result = new TestResult("T.m", "does\tthings", TestResult.Status.FAILED, "a bug", "line one\nline \\two", "details\n",
                List.of("HTTP 500", "a reset"), List.of(new TimelineEvent(Duration.ofMillis(1500), "http#2", TimelineEvent.Kind.PROBLEM, "a|b")),
                Duration.ofMillis(42));
        TestEvents.Writer writer = new TestEvents.Writer(file);
        writer.variant("v");
        writer.finished(result);

        List<TestEvents.Event> events = TestEvents.read(file);

        assertThat(events).extracting(TestEvents.Event::type).containsExactly("variant", "finished");
        assertThat(events.get(1).finishedResult()).isEqualTo(result);
    }

    @Test
    @DisplayName("a line the test JVM died while writing is dropped, not misread")
    void aTornLineIsDropped() throws Exception {
        Path file = folder.resolve("events.tsv");
        java.nio.file.Files.writeString(file, "variant\tv\nstarted\tT.m\nfinish");

        assertThat(TestEvents.read(file)).extracting(TestEvents.Event::type).containsExactly("variant", "started");
    }

    @Test
    @DisplayName("-Dkata selects by number (with or without its zero), by name, by folder, or a list; unset means all")
    void selectsKatas() {
        List<String> reactor = List.of("dev.asynckatas:exercise-01-background-task:1", "dev.asynckatas:exercise-02-async-cancellation:1",
                "dev.asynckatas:exercise-04-group-waiting:1");
        assertThat(arguments("--only=1", reactor).selectedKatas()).containsExactly("01-background-task");
        assertThat(arguments("--only=04", reactor).selectedKatas()).containsExactly("04-group-waiting");
        assertThat(arguments("--only=async-cancellation", reactor).selectedKatas()).containsExactly("02-async-cancellation");
        assertThat(arguments("--only=04-group-waiting,1", reactor).selectedKatas()).containsExactly("04-group-waiting", "01-background-task");
        assertThat(arguments("--only=${kata}", reactor).selectedKatas()).hasSize(3);
        assertThat(arguments("--only=", reactor).selectedKatas()).hasSize(3);
        assertThat(arguments("--only=03", reactor).selectedKatas()).isEmpty();
        assertThat(arguments("--only=", reactor).isLastExerciseOfBuild()).as("04 is last, and this runs in 04").isTrue();
    }

    private Grader.Arguments arguments(String only, List<String> reactor) {
        String[] args = new String[7 + reactor.size()];
        String[] fixed = {"--exercise", "/r/exercises/04-group-waiting", "--root", "/r", only, "--details=", "--reactor"};
        System.arraycopy(fixed, 0, args, 0, fixed.length);
        for (int i = 0; i < reactor.size(); i++) {
            args[fixed.length + i] = reactor.get(i);
        }
        return Grader.Arguments.parse(args);
    }

    @Test
    @DisplayName("the one-line message reads an AssertJ description with what was found")
    void oneLineMessages() {
        assertThat(result("[the screens shown] \nExpecting empty but was: [x]").firstLine()).isEqualTo("[the screens shown] Expecting empty but was: [x]");
        assertThat(result("[the answer]\nExpecting actual:\n  \"0 of 3\"\nto be equal to...").firstLine()).isEqualTo("[the answer] Expecting actual: \"0 of 3\"");
        assertThat(result("The app was killed at 31.000s\nsecond line").firstLine()).isEqualTo("The app was killed at 31.000s");
        assertThat(result("").firstLine()).isEmpty();
    }

    private static TestResult result(String message) {
        return new TestResult("T.m", "m", TestResult.Status.FAILED, "", message, "", List.of(), List.of());
    }

    @Test
    @DisplayName("names: a method name reads as words, a parameterized case loses its index")
    void names() {
        assertThat(TestJvmListener.humanize("endsTheTaskWhenTheResponseArrives")).isEqualTo("ends the task when the response arrives");
        assertThat(TestJvmListener.caseName("[2] HTTP 500")).isEqualTo("HTTP 500");
        assertThat(TestJvmListener.caseName("a connection reset")).isEqualTo("a connection reset");
    }

    @Test
    @DisplayName("the scorecard's lines fit its width, and later lines of a text keep their indentation")
    void linesFit() {
        String wrapped = Scorecard.wrap("     bug: " + "word ".repeat(60) + "\nsecond line", "          ");

        assertThat(wrapped.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(Scorecard.WIDTH));
        assertThat(wrapped.lines().skip(1)).allSatisfy(line -> assertThat(line).startsWith("          "));
        assertThat(Scorecard.clip("x".repeat(150))).hasSize(Scorecard.WIDTH).endsWith("...");
    }
}
