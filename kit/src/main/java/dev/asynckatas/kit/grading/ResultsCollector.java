package dev.asynckatas.kit.grading;

import dev.asynckatas.kit.junit.CatchesBug;
import dev.asynckatas.kit.sim.TimelineReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Collects one result per test method, across the Jupiter and jqwik engines. A method that runs several
 * times (a parameterized test) fails if any run fails. A class that cannot even start (its set-up failed)
 * counts as one failed test, so nothing is silently lost.
 */
final class ResultsCollector implements TestExecutionListener {

    private final String kata;
    private final Map<String, TestResult> results = new LinkedHashMap<>();
    /** What engines reported along the way (jqwik's samples and shrinking), by test. */
    private final Map<String, StringBuilder> reports = new LinkedHashMap<>();

    /** Tests that started and have not finished yet: what a hang leaves behind. */
    private final Map<String, TestResult> running = new LinkedHashMap<>();

    ResultsCollector(String kata) {
        this.kata = kata;
    }

    synchronized List<TestResult> results() {
        return new ArrayList<>(results.values());
    }

    /** The results so far, with the hung test failed by {@code reason}. Called from the watchdog's thread. */
    synchronized List<TestResult> resultsWithHang(String hungTest, String reason) {
        TestResult hung = running.get(hungTest);
        if (hung != null) {
            results.put(hungTest, new TestResult(kata, hung.test(), hung.name(), false, hung.bug(),
                    "The test hangs: " + reason.lines().findFirst().orElse(reason) + " (the run stopped here; later tests did not run)",
                    reason));
        }
        return results();
    }

    @Override
    public synchronized void executionStarted(TestIdentifier id) {
        if (!id.isTest()) {
            return;
        }
        id.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast).ifPresent(method -> {
            String key = keyOf(method);
            running.put(key, new TestResult(kata, key, displayName(method, id), false, bugOf(method), "", ""));
        });
    }

    @Override
    public synchronized void executionFinished(TestIdentifier id, TestExecutionResult outcome) {
        Optional<MethodSource> source = id.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast);
        boolean failed = outcome.getStatus() != TestExecutionResult.Status.SUCCESSFUL;
        if (source.isEmpty()) {
            if (failed && id.isContainer() && id.getSource().isPresent()) {
                add(id.getDisplayName() + " (set-up)", id.getDisplayName() + " could not run", "", outcome);
            }
            return;
        }
        if (!id.isTest() && !failed) {
            return;
        }
        MethodSource method = source.get();
        String key = keyOf(method);
        TestResult earlier = results.get(key);
        if (earlier != null && !earlier.passed()) {
            return;
        }
        add(key, displayName(method, id), bugOf(method), outcome);
    }

    @Override
    public synchronized void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
        id.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast).ifPresent(method -> {
            StringBuilder report = reports.computeIfAbsent(keyOf(method), k -> new StringBuilder());
            entry.getKeyValuePairs().forEach((key, value) -> report.append(value.strip()).append('\n'));
        });
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier id, String reason) {
        id.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast).ifPresent(method -> {
            String key = keyOf(method);
            results.put(key, new TestResult(kata, key, displayName(method, id), false, bugOf(method),
                    "skipped: " + reason, ""));
        });
    }

    private void add(String key, String name, String bug, TestExecutionResult outcome) {
        Throwable failure = outcome.getThrowable().orElse(null);
        boolean passed = outcome.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
        String message = passed ? "" : failure == null ? outcome.getStatus().toString() : messageOf(failure);
        String details = passed || failure == null ? "" : detailsOf(failure);
        StringBuilder report = reports.get(key);
        if (!passed && report != null) {
            details = report.toString().strip() + "\n\n" + details;
        }
        results.put(key, new TestResult(kata, key, name, passed, bug, message, details));
    }

    static String keyOf(MethodSource method) {
        return simpleName(method.getClassName()) + "." + method.getMethodName();
    }

    private static String messageOf(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getName() : message.strip();
    }

    /** The failure's stack trace without the timeline, then the timeline. */
    private static String detailsOf(Throwable failure) {
        Optional<String> timeline = TimelineReport.of(failure);
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        String text = trace.toString();
        int suppressed = text.indexOf("\tSuppressed: " + TimelineReport.class.getName());
        if (suppressed >= 0) {
            text = text.substring(0, suppressed);
        }
        // Keep the learner's part of the stack: frames up to the first test-framework frame.
        StringBuilder kept = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.contains("at org.junit.") || line.contains("at net.jqwik.") || line.contains("at java.base/jdk.internal.reflect")) {
                kept.append("\t...\n");
                break;
            }
            kept.append(line).append('\n');
        }
        return kept + timeline.map(t -> "\n" + t).orElse("");
    }

    private static String displayName(MethodSource method, TestIdentifier id) {
        String shown = id.getDisplayName();
        if (shown.equals(method.getMethodName()) || shown.endsWith(")") && shown.startsWith(method.getMethodName() + "(")) {
            return humanize(method.getMethodName());
        }
        return id.isTest() ? shown : humanize(method.getMethodName());
    }

    /** {@code endsTheTaskWhenTheResponseArrives} reads as "ends the task when the response arrives". */
    static String humanize(String methodName) {
        return methodName.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ').toLowerCase(java.util.Locale.ROOT);
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

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
