package dev.asynckatas.kit.grading;

import dev.asynckatas.kit.timeline.TimelineEvent;
import java.util.List;

/**
 * The outcome of one kata test (one test method; a parameterized test is one test with several cases).
 *
 * @param test        the test's class and method, {@code BackgroundTaskTest.endsTheTaskWhenTheResponseArrives}
 * @param name        what the test checks, in words (its display name)
 * @param status      how it ended
 * @param bug         the bug it catches ({@code @CatchesBug}), or empty
 * @param message     why it did not pass, or empty
 * @param details     the failure in full (the learner's part of the stack, the timeline, the engine's report), or empty
 * @param failedCases the cases of a parameterized test that failed ({@code HTTP 500}), in order
 * @param timeline    the events of the timeline attached to the failure, for the HTML report's swim lanes
 * @param duration    how long it ran (wall time), for instructors and for keeping the kata's tests quick
 */
public record TestResult(String test, String name, Status status, String bug, String message, String details,
                         List<String> failedCases, List<TimelineEvent> timeline, java.time.Duration duration) {

    /** How a test ended. */
    public enum Status {
        PASSED("pass"),
        FAILED("fail"),
        /** It could not finish: it hung, the test JVM exited under it, or its class could not start. */
        ERROR("error"),
        /** It never started: an earlier test hung or ended the JVM, or the kata did not compile. */
        NOT_RUN("not run");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        /** The word used in reports and in results.json. */
        public String label() {
            return label;
        }

        static Status ofLabel(String label) {
            for (Status status : values()) {
                if (status.label.equals(label)) {
                    return status;
                }
            }
            throw new IllegalArgumentException("unknown status " + label);
        }
    }

    public TestResult {
        failedCases = List.copyOf(failedCases);
        timeline = List.copyOf(timeline);
    }

    /** A result whose duration nobody measured. */
    public TestResult(String test, String name, Status status, String bug, String message, String details, List<String> failedCases,
            List<TimelineEvent> timeline) {
        this(test, name, status, bug, message, details, failedCases, timeline, java.time.Duration.ZERO);
    }

    /** A test that has not run (yet). */
    static TestResult notRun(String test, String name, String bug, String why) {
        return new TestResult(test, name, Status.NOT_RUN, bug, why, "", List.of(), List.of());
    }

    public boolean passed() {
        return status == Status.PASSED;
    }

    public boolean catchesBug() {
        return !bug.isEmpty();
    }

    /** The name with the cases that failed: {@code on an error ... [HTTP 500, a connection reset]}. */
    public String nameWithCases() {
        return failedCases.isEmpty() ? name : name + " [" + String.join(", ", failedCases) + "]";
    }

    /**
     * The message in one line, for summaries: its first line, and the next one too when the first is only an AssertJ
     * description ({@code [what the user sees]}), which says what was checked but not what was found.
     */
    public String firstLine() {
        List<String> lines = message.strip().lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        if (lines.isEmpty()) {
            return "";
        }
        String first = lines.get(0);
        if (!(first.startsWith("[") && first.endsWith("]")) || lines.size() == 1) {
            return first;
        }
        // "[what] Expecting actual: <what was found>": the words AssertJ puts on lines of their own, read as one line.
        return String.join(" ", lines.subList(0, Math.min(lines.size(), lines.get(1).endsWith(":") ? 3 : 2)));
    }

    TestResult withStatus(Status newStatus, String newMessage, String newDetails) {
        return new TestResult(test, name, newStatus, bug, newMessage, newDetails, failedCases, timeline, duration);
    }
}
