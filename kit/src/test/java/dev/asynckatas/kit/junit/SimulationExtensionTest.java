package dev.asynckatas.kit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.asynckatas.kit.SimPlatform;
import dev.asynckatas.kit.sim.DeadlockError;
import dev.asynckatas.kit.sim.Simulation;
import dev.asynckatas.kit.sim.TimelineReport;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

@DisplayName("@SimulationTest: a fresh platform per test, timelines on failures, and no swallowed failure")
class SimulationExtensionTest {

    /** Set only by {@link #run}: the sample classes below run inside this test's own engine run, never on their own. */
    private static final String SELF_TEST = "asynckatas.kit.selftest";

    static final class OnlyInsideTheSelfTest implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(SELF_TEST).isPresent()
                    ? ConditionEvaluationResult.enabled("run by SimulationExtensionTest")
                    : ConditionEvaluationResult.disabled("a sample for SimulationExtensionTest, not a test of its own");
        }
    }

    @SimulationTest
    @ExtendWith(OnlyInsideTheSelfTest.class)
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class FreshPlatforms {
        private Simulation fromBeforeEach;

        @BeforeEach
        void setUp(Simulation sim) {
            fromBeforeEach = sim;
        }

        @Test
        void a_leavesItsMarks(SimPlatform platform, Simulation sim) {
            assertThat(platform.sim()).isSameAs(sim).isSameAs(fromBeforeEach);
            sim.lane("worker").schedule(Duration.ofHours(1), "left behind", () -> { });
            sim.advanceBy(Duration.ofSeconds(5));
        }

        @Test
        void b_startsFresh(Simulation sim) {
            assertThat(sim).isSameAs(fromBeforeEach);
            assertThat(sim.now()).isZero();
            assertThat(sim.pending()).isEmpty();
        }
    }

    @SimulationTest
    @ExtendWith(OnlyInsideTheSelfTest.class)
    static class Failures {
        @Test
        void failsAnAssertion(Simulation sim) {
            sim.main().execute("a task the timeline shows", () -> { });
            sim.runCurrent();
            fail("fails on purpose");
        }

        @Test
        void swallowsADeadlock(Simulation sim) {
            try {
                sim.newFuture("a reply nobody sends").join();
            } catch (DeadlockError swallowed) {
                // the code under test hides the failure
            }
        }

        @Test
        void letsATaskThrow(Simulation sim) {
            sim.lane("worker").execute("throws", () -> {
                throw new IllegalStateException("boom");
            });
            sim.runUntilIdle();
        }

        @Test
        void expectsATaskToThrow(Simulation sim) {
            sim.lane("worker").execute("throws", () -> {
                throw new IllegalStateException("boom");
            });
            sim.runUntilIdle();
            assertThat(sim.takeUncaughtExceptions()).hasSize(1);
        }
    }

    private static Events run(DiscoverySelector selector) {
        return EngineTestKit.engine("junit-jupiter").configurationParameter(SELF_TEST, "true")
                .selectors(selector).execute().testEvents();
    }

    private static Throwable failureOf(String method) {
        Events events = run(selectMethod(Failures.class, method, Simulation.class.getName()));
        events.assertStatistics(stats -> stats.started(1).failed(1));
        return events.failed().stream().findFirst().orElseThrow()
                .getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
    }

    @Test
    @DisplayName("each test gets a fresh platform, the same one in @BeforeEach and in the test")
    void eachTestGetsAFreshPlatform() {
        run(selectClass(FreshPlatforms.class)).assertStatistics(stats -> stats.started(2).succeeded(2));
    }

    @Test
    @DisplayName("a failing test's exception carries the simulation's timeline as a suppressed TimelineReport")
    void failuresCarryTheTimeline() {
        Throwable failure = failureOf("failsAnAssertion");

        assertThat(failure).isInstanceOf(AssertionError.class).hasMessageContaining("fails on purpose");
        assertThat(TimelineReport.of(failure)).get().asString().contains("a task the timeline shows");
    }

    @Test
    @DisplayName("a test whose code swallowed a DeadlockError is failed after it, with the deadlock as the cause")
    void aSwallowedDeadlockFailsTheTest() {
        Throwable failure = failureOf("swallowsADeadlock");

        assertThat(failure).isInstanceOf(AssertionError.class).hasMessageContaining("caught the error")
                .hasCauseInstanceOf(DeadlockError.class);
        assertThat(TimelineReport.of(failure)).isPresent();
    }

    @Test
    @DisplayName("an exception a task threw and nobody caught fails the test")
    void anUncaughtTaskExceptionFailsTheTest() {
        Throwable failure = failureOf("letsATaskThrow");

        assertThat(failure).isInstanceOf(AssertionError.class).hasMessageContaining("nobody caught it")
                .cause().isInstanceOf(IllegalStateException.class).hasMessage("boom");
    }

    @Test
    @DisplayName("a test that takes the uncaught exceptions it expected passes")
    void expectedTaskExceptionsCanBeTaken() {
        run(selectMethod(Failures.class, "expectsATaskToThrow", Simulation.class.getName()))
                .assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    @Test
    @DisplayName("outside the self-test the samples are disabled, so a plain run never executes them")
    void samplesAreDisabledOnTheirOwn() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(Failures.class)).execute();

        results.testEvents().assertStatistics(stats -> stats.started(0));
        assertThat(results.containerEvents().skipped().stream()).singleElement()
                .satisfies(skipped -> assertThat(skipped.getTestDescriptor().getDisplayName()).endsWith("Failures"));
    }
}
