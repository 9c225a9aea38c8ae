package dev.asynckatas.kit.grading;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * The last line of defence against a test that hangs: JUnit's timeout covers Jupiter tests, but nothing stops a
 * jqwik property, or a thread blocked on a plain JDK future inside a simulation. When one test runs longer than
 * the limit, the watchdog reports where its thread is stuck, so the runner can finish the scorecard and exit
 * instead of hanging the build.
 */
final class HangWatchdog implements TestExecutionListener, AutoCloseable {

    private final Duration limit;
    private final BiConsumer<String, String> onHang;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            task -> Thread.ofPlatform().name("katas-hang-watchdog").daemon().unstarted(task));
    private ScheduledFuture<?> pending;

    /**
     * @param onHang called on the watchdog's thread with the hung test's key and where its thread is stuck
     */
    HangWatchdog(Duration limit, BiConsumer<String, String> onHang) {
        this.limit = limit;
        this.onHang = onHang;
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        if (id.isTest()) {
            id.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                    .ifPresent(method -> started(ResultsCollector.keyOf(method), Thread.currentThread()));
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (id.isTest()) {
            finished();
        }
    }

    synchronized void started(String test, Thread thread) {
        finished();
        pending = timer.schedule(() -> onHang.accept(test, "it ran for more than " + limit.toSeconds()
                + " s without finishing: it hangs (blocked forever, or spinning). Where its thread was:\n"
                + stackOf(thread)), limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized void finished() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    private static String stackOf(Thread thread) {
        return "\"" + thread.getName() + "\" " + thread.getState() + "\n" + Arrays.stream(thread.getStackTrace())
                .limit(40).map(frame -> "\tat " + frame).collect(Collectors.joining("\n"));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
