package dev.asynckatas.kit.grading;

import dev.asynckatas.kit.junit.CatchesBug;
import dev.asynckatas.kit.races.RaceFound;
import dev.asynckatas.kit.sim.TimelineReport;
import dev.asynckatas.kit.timeline.Redaction;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Turns the JUnit Platform's events (Jupiter and jqwik alike) into one result per test method, written as they
 * happen. A parameterized test is one test: it fails when any case fails, and names the cases that did. A test class
 * that cannot start fails each of its tests with the reason, so nothing is silently lost.
 */
final class TestJvmListener implements TestExecutionListener {

    private final TestEvents.Writer events;
    private final TestJvm jvm;
    private final Map<String, Run> runs = new java.util.LinkedHashMap<>();
    private int failures;
    private TestPlan plan;

    /** One test method on its way: its failing cases and the first failure. */
    private static final class Run {
        final String key;
        final String name;
        final String bug;
        final List<String> failedCases = new ArrayList<>();
        final StringBuilder engineReport = new StringBuilder();
        Throwable firstFailure;
        boolean finished;
        WallClock.Stopwatch stopwatch;

        Run(String key, String name, String bug) {
            this.key = key;
            this.name = name;
            this.bug = bug;
        }
    }

    TestJvmListener(TestEvents.Writer events, TestJvm jvm) {
        this.events = events;
        this.jvm = jvm;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan(testPlan);
    }

    /** Announces the tests of a plan this listener has not announced yet. */
    private void plan(TestPlan testPlan) {
        this.plan = testPlan;
        testPlan.getRoots().forEach(root -> testPlan.getDescendants(root).forEach(id -> method(id).ifPresent(method -> {
            Run run = new Run(keyOf(method), displayName(method, id), bugOf(method));
            if (runs.putIfAbsent(run.key, run) == null) {
                events.planned(run.key, run.name, run.bug);
            }
        })));
    }

    /** Whether any test this listener saw did not pass. */
    boolean anyFailed() {
        return failures > 0;
    }

    /** Reports every test of {@code testPlan} that never ran as not run, for {@code why}. */
    void reportNotRun(TestPlan testPlan, String why) {
        plan(testPlan);
        runs.values().stream().filter(run -> !run.finished).forEach(run -> {
            run.finished = true;
            events.finished(TestResult.notRun(run.key, run.name, run.bug, why));
        });
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        method(id).ifPresent(method -> {
            events.started(keyOf(method));
            runs.get(keyOf(method)).stopwatch = WallClock.start();
        });
        if (id.isTest()) {
            id.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                    .ifPresent(method -> jvm.testStarted(keyOf(method), Thread.currentThread()));
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult outcome) {
        if (id.isTest()) {
            jvm.testFinished();
        }
        Throwable failure = outcome.getStatus() == TestExecutionResult.Status.SUCCESSFUL ? null
                : outcome.getThrowable().orElseGet(() -> new AssertionError(outcome.getStatus().toString()));
        Optional<MethodSource> method = method(id);
        if (method.isPresent()) {
            finish(runs.get(keyOf(method.get())), failure);
            return;
        }
        Optional<MethodSource> invocation = id.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast);
        if (invocation.isPresent()) {
            Run run = runs.get(keyOf(invocation.get()));
            if (run != null && failure != null) {
                run.failedCases.add(caseName(id.getDisplayName()));
                if (run.firstFailure == null) {
                    run.firstFailure = failure;
                }
            }
            return;
        }
        if (failure != null) {
            // A class (or engine) that could not start: every test under it that never finished fails with the reason.
            for (TestIdentifier descendant : plan.getDescendants(id)) {
                method(descendant).map(m -> runs.get(keyOf(m))).filter(run -> !run.finished).ifPresent(run -> {
                    run.firstFailure = failure;
                    finish(run, failure, TestResult.Status.ERROR, "The test class could not start: ");
                });
            }
        }
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        List<TestIdentifier> affected = new ArrayList<>(plan.getDescendants(id));
        affected.add(id);
        for (TestIdentifier skipped : affected) {
            method(skipped).map(m -> runs.get(keyOf(m))).filter(run -> !run.finished).ifPresent(run -> {
                run.finished = true;
                events.finished(TestResult.notRun(run.key, run.name, run.bug, "skipped: " + reason));
            });
        }
    }

    @Override
    public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
        id.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast).map(m -> runs.get(keyOf(m)))
                .ifPresent(run -> entry.getKeyValuePairs().forEach((key, value) -> run.engineReport.append(value.strip()).append('\n')));
    }

    private void finish(Run run, Throwable failure) {
        if (run == null || run.finished) {
            return;
        }
        Throwable first = run.firstFailure != null ? run.firstFailure : failure;
        if (first == null) {
            run.finished = true;
            events.finished(new TestResult(run.key, run.name, TestResult.Status.PASSED, run.bug, "", "", List.of(), List.of(), elapsed(run)));
            return;
        }
        finish(run, first, TestResult.Status.FAILED, "");
    }

    private void finish(Run run, Throwable failure, TestResult.Status status, String prefix) {
        run.finished = true;
        failures++;
        String details = detailsOf(failure);
        if (!run.engineReport.isEmpty()) {
            // The engine's own report (jqwik's seed and samples) is for whoever replays the property: last, not in the middle.
            details += "\nThe property's report:\n" + run.engineReport.toString().strip() + "\n";
        }
        // Secrets (a token in an assertion's message, say) never reach a report.
        events.finished(new TestResult(run.key, run.name, status, bugShown(run, failure), Redaction.redact(prefix + messageOf(failure)),
                Redaction.redact(details), run.failedCases, TimelineReport.eventsOf(failure), elapsed(run)));
    }

    /**
     * The test's {@code @CatchesBug} sentence, or the bug of the invariant a race check found broken: a test of several
     * invariants catches one bug on the broken exercise, and the learner's fix may break another.
     */
    private static String bugShown(Run run, Throwable failure) {
        return failure instanceof RaceFound found && !run.bug.isEmpty() ? found.bug().orElse(run.bug) : run.bug;
    }

    private static java.time.Duration elapsed(Run run) {
        return run.stopwatch == null ? java.time.Duration.ZERO : run.stopwatch.elapsed();
    }

    /** The identifier of a test method as a whole (a plain test, a property, or the container of a parameterized test's cases). */
    private Optional<MethodSource> method(TestIdentifier id) {
        Optional<MethodSource> source = id.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast);
        if (source.isEmpty()) {
            return Optional.empty();
        }
        boolean parentIsMethod = plan.getParent(id).flatMap(TestIdentifier::getSource).filter(MethodSource.class::isInstance).isPresent();
        return parentIsMethod ? Optional.empty() : source;
    }

    static String keyOf(MethodSource method) {
        String className = method.getClassName();
        return className.substring(className.lastIndexOf('.') + 1) + "." + method.getMethodName();
    }

    private static String messageOf(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getName() : message.strip();
    }

    /** The failure's stack down to the first test-framework frame, then the timeline. */
    static String detailsOf(Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        String text = trace.toString();
        int suppressed = text.indexOf("\tSuppressed: " + TimelineReport.class.getName());
        if (suppressed >= 0) {
            text = text.substring(0, suppressed);
        }
        StringBuilder kept = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.contains("at org.junit.") || line.contains("at net.jqwik.") || line.contains("at java.base/jdk.internal.reflect")) {
                kept.append("\t...\n");
                break;
            }
            kept.append(line).append('\n');
        }
        return kept + TimelineReport.of(failure).map(t -> "\n" + t).orElse("");
    }

    /** {@code [1] HTTP 500} reads as {@code HTTP 500}. */
    static String caseName(String displayName) {
        return displayName.replaceFirst("^\\[\\d+]\\s*", "");
    }

    private static String displayName(MethodSource method, TestIdentifier id) {
        String shown = id.getDisplayName();
        if (shown.equals(method.getMethodName()) || shown.startsWith(method.getMethodName() + "(") && shown.endsWith(")")) {
            return humanize(method.getMethodName());
        }
        return shown;
    }

    /** {@code endsTheTaskWhenTheResponseArrives} reads as "ends the task when the response arrives". */
    static String humanize(String methodName) {
        return methodName.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ').toLowerCase(Locale.ROOT);
    }

    private static String bugOf(MethodSource source) {
        try {
            Method method = source.getJavaMethod();
            CatchesBug bug = method.getAnnotation(CatchesBug.class);
            return bug == null ? "" : bug.value();
        } catch (RuntimeException unreadable) {
            return "";
        }
    }
}
