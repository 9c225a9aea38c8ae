package dev.asynckatas.timeouts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asynckatas.kit.app.SimMainThread;
import dev.asynckatas.kit.junit.SimulationTest;
import dev.asynckatas.kit.sim.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The asker's Timeout helper, which the kata gives: it works, as the asker said. The trouble was never the timer. */
@SimulationTest
class TimeoutTest {

    @Test
    @DisplayName("the Timeout helper works: its callback runs on the main thread once its delay has passed, unless cancelled first")
    void theTimeoutHelperWorks(Simulation sim, SimMainThread main) {
        List<String> fired = new ArrayList<>();
        Timeout kept = new Timeout(Duration.ofSeconds(5), main, () -> fired.add("kept, at " + sim.now().toSeconds() + " s, on main: " + main.isCurrent()));
        Timeout cancelled = new Timeout(Duration.ofSeconds(5), main, () -> fired.add("cancelled"));
        Timeout flag = new Timeout(Duration.ofSeconds(1), main);

        cancelled.cancel();
        sim.advanceBy(Duration.ofMillis(4999));
        assertThat(fired).isEmpty();
        assertThat(kept.hasFired()).isFalse();
        assertThat(flag.hasFired()).isTrue();
        sim.runUntilIdle();

        assertThat(fired).containsExactly("kept, at 5 s, on main: true");
        assertThat(kept.hasFired()).isTrue();
        assertThat(cancelled.hasFired()).isFalse();
    }
}
