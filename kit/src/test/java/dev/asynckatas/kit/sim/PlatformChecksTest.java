package dev.asynckatas.kit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Platform checks: recorded as violations, and the story goes on")
class PlatformChecksTest {

    private final Simulation sim = Simulation.create();

    @Test
    @DisplayName("checkMainThread off MAIN records a MAIN_THREAD_CHECKER violation naming the task; on MAIN it records nothing")
    void mainThreadChecker() {
        sim.main().execute("updates the label on MAIN", () -> sim.checkMainThread("label.setText"));
        sim.lane("worker").execute("updates the label from the worker", () -> sim.checkMainThread("label.setText"));

        sim.runCurrent();

        assertThat(sim.violations()).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo(Violation.Kind.MAIN_THREAD_CHECKER);
            assertThat(v.lane()).isEqualTo("worker");
            assertThat(v.message()).contains("label.setText").contains("updates the label from the worker");
        });
    }

    @Test
    @DisplayName("a MAIN task blocked past the hang limit records MAIN_THREAD_HANG; a short block does not")
    void mainThreadHang() {
        SimFuture<String> quick = sim.newFuture("a quick reply");
        SimFuture<String> slow = sim.newFuture("a slow reply");
        sim.lane("server").schedule(Duration.ofMillis(100), "quick", () -> quick.complete("ok"));
        sim.lane("server").schedule(Duration.ofSeconds(1), "slow", () -> slow.complete("ok"));
        sim.main().execute("waits briefly", quick::join);
        sim.main().execute("waits for a second", slow::join);

        sim.runUntilIdle();

        assertThat(sim.violations(Violation.Kind.MAIN_THREAD_HANG)).singleElement()
                .extracting(Violation::message).asString().contains("waits for a second").contains("0.900s");
    }

    @Test
    @DisplayName("an uncaught exception in a task is recorded, and later tasks still run")
    void uncaughtExceptionsAreRecorded() {
        List<String> ran = new ArrayList<>();
        IllegalStateException boom = new IllegalStateException("boom");
        sim.lane("worker").execute("throws", () -> {
            throw boom;
        });
        sim.lane("worker").execute("runs after", () -> ran.add("after"));

        sim.runUntilIdle();

        assertThat(ran).containsExactly("after");
        assertThat(sim.uncaughtExceptions()).containsExactly(boom);
        assertThat(sim.violations(Violation.Kind.UNCAUGHT_EXCEPTION)).singleElement()
                .extracting(Violation::message).asString().contains("throws").contains("boom");

        assertThat(sim.takeUncaughtExceptions()).containsExactly(boom);
        assertThat(sim.uncaughtExceptions()).isEmpty();
        assertThat(sim.violations()).isEmpty();
    }
}
