package dev.asynckatas.kit.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.asynckatas.kit.junit.CatchesBug;
import dev.asynckatas.kit.races.RaceCheck;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** A model checker's failure reaches the scorecard as the simulation's do: the bug, the sentence, the interleaving. */
@Timeout(60) // a model-checking run: see dev.asynckatas.kit.races.RaceTests
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
    @DisplayName("the scorecard's entry has the bug, the invariant's sentence and the threads side by side")
    void reachesTheScorecard() {
        ResultsCollector collector = new ResultsCollector("04-group-waiting");
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(SampleKataTest.class)).configurationParameter(SELF_TEST, "true").build();
        LauncherFactory.create().execute(request, collector);

        List<TestResult> results = collector.results();
        assertThat(results).hasSize(1);
        TestResult result = results.get(0);
        assertThat(result.passed()).isFalse();
        assertThat(result.bug()).isEqualTo("counts finished downloads without a lock: two that finish together count as one");
        assertThat(result.message()).startsWith("Both downloads are counted: the group would wait for ever for one that has finished");
        assertThat(result.details())
                .contains("Interleaving found by the model checker", "download 1", "download 2", "? switch", "reads finished: 0")
                .doesNotContain("Suppressed:");
    }
}
