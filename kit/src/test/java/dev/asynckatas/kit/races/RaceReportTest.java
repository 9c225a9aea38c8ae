package dev.asynckatas.kit.races;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.asynckatas.kit.junit.CatchesBug;
import dev.asynckatas.kit.sim.TimelineReport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * A model checker's failure reaches JUnit as the simulation's do: the invariant's sentence as the message and the
 * interleaving as a suppressed {@link TimelineReport}, which the grader reads into the scorecard and the HTML report
 * ({@code TimelineReport.of(failure)}), as it reads a simulation's timeline.
 */
@Timeout(RaceTests.TIMEOUT_SECONDS) // see RaceTests
class RaceReportTest {

    private static final String SELF_TEST = "asynckatas.kit.selftest.races";

    static final class OnlyInsideTheSelfTest implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(SELF_TEST).isPresent()
                    ? ConditionEvaluationResult.enabled("run by RaceReportTest")
                    : ConditionEvaluationResult.disabled("a sample kata test for RaceReportTest, not a test of its own");
        }
    }

    /** A kata's test of a real-thread window, as a kata author writes it. */
    @ExtendWith(OnlyInsideTheSelfTest.class)
    static class SampleKataTest {

        static final class Downloads {
            private int finished;

            void finished() {
                finished++;
            }
        }

        @Test
        @CatchesBug("counts finished downloads without a lock: two that finish together count as one")
        void countsEveryDownloadThatFinishes() {
            RaceCheck.of(Downloads::new)
                    .thread("download 1", Downloads::finished)
                    .thread("download 2", Downloads::finished)
                    .invariant("Both downloads are counted: the group would wait for ever for one that has finished", d -> d.finished == 2)
                    .check();
        }
    }

    @Test
    @DisplayName("the failing test's message is the invariant's sentence, and the threads side by side come with it")
    void reachesTheReport() {
        Events events = EngineTestKit.engine("junit-jupiter").configurationParameter(SELF_TEST, "true")
                .selectors(selectClass(SampleKataTest.class)).execute().testEvents();
        events.assertStatistics(stats -> stats.started(1).failed(1));
        Throwable failure = events.failed().stream().findFirst().orElseThrow()
                .getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();

        assertThat(failure).isInstanceOf(RaceFound.class).isInstanceOf(AssertionError.class);
        assertThat(failure.getMessage()).startsWith("Both downloads are counted: the group would wait for ever for one that has finished");
        assertThat(TimelineReport.of(failure)).get(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("Interleaving found by the model checker", "download 1", "download 2", "? switch", "reads finished: 0");
    }
}
