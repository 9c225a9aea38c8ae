package dev.asynckatas.kit.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.asynckatas.kit.junit.SimulationTest;
import dev.asynckatas.kit.sim.LivelockError;
import dev.asynckatas.kit.sim.Simulation;
import dev.asynckatas.kit.timeline.TimelineEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@SimulationTest
@DisplayName("SimMainThread: timers on the main lane, in virtual time")
class SimMainThreadTest {

    private final List<String> ran = new ArrayList<>();

    private static List<String> notes(Simulation sim) {
        return sim.timeline().events().stream().map(TimelineEvent::text).toList();
    }

    @Test
    @DisplayName("a timer runs its task on MAIN once its delay has passed, not before; its future is then done")
    void aTimerRunsOnMainWhenDue(Simulation sim, SimMainThread main) {
        Future<?> timer = main.schedule(Duration.ofSeconds(5), () -> ran.add("fired on " + sim.currentLane() + " at " + sim.now().toSeconds() + " s"));

        sim.advanceBy(Duration.ofMillis(4999));
        assertThat(ran).isEmpty();
        assertThat(timer).isNotDone();
        sim.advanceBy(Duration.ofMillis(1));

        assertThat(ran).containsExactly("fired on MAIN at 5 s");
        assertThat(timer.isDone()).isTrue();
        assertThat(timer.isCancelled()).isFalse();
        assertThat(notes(sim)).anyMatch(note -> note.startsWith("sets a timer: it runs on MAIN at 5.000s (set at SimMainThreadTest.aTimerRunsOnMainWhenDue("));
    }

    @Test
    @DisplayName("a timer that comes due while MAIN is busy waits its turn, and the timeline says how late it ran")
    void aTimerWaitsForABusyMain(Simulation sim, SimMainThread main) {
        sim.main().execute("sets a timer, then blocks MAIN for 8 s", () -> {
            main.schedule(Duration.ofSeconds(5), () -> ran.add("fired at " + sim.now().toSeconds() + " s"));
            sim.newFuture("an answer at 8 s").completeOnTimeout("late", 8, java.util.concurrent.TimeUnit.SECONDS).join();
        });

        sim.runUntilIdle();

        assertThat(ran).containsExactly("fired at 8 s");
        assertThat(notes(sim)).contains("due at 5.000s, runs 3.000s late: the main thread was busy");
    }

    @Test
    @DisplayName("a cancelled timer never runs, and is done and cancelled; cancelling it again, or after it ran, returns false")
    void aCancelledTimerNeverRuns(Simulation sim, SimMainThread main) {
        Future<?> cancelled = main.schedule(Duration.ofSeconds(1), () -> ran.add("cancelled one"));
        Future<?> fired = main.schedule(Duration.ofSeconds(1), () -> ran.add("the other"));

        assertThat(cancelled.cancel(false)).isTrue();
        sim.runUntilIdle();

        assertThat(ran).containsExactly("the other");
        assertThat(cancelled.isDone()).isTrue();
        assertThat(cancelled.isCancelled()).isTrue();
        assertThat(cancelled.cancel(true)).isFalse();
        assertThat(fired.cancel(true)).isFalse();
        assertThat(sim.pending()).isEmpty();
    }

    @Test
    @DisplayName("a loop on MAIN that polls a timer of MAIN is busy-waiting: a LivelockError that names the timer, queued behind the loop")
    void pollingATimerOnMainIsBusyWaiting() {
        Simulation sim = Simulation.create(); // not the extension's: this test expects the simulation to fail
        SimMainThread main = new SimMainThread(sim);
        sim.main().execute("the user taps Check", () -> {
            Future<?> timeout = main.schedule(Duration.ofSeconds(5), () -> { });
            while (!timeout.isDone()) {
                // the question's loop: the timer can only fire on MAIN, which this loop keeps busy
            }
        });

        Throwable failure = catchThrowable(sim::runCurrent);

        assertThat(failure).isInstanceOf(LivelockError.class)
                .hasMessageContaining("Busy-waiting: MAIN: the user taps Check")
                .hasMessageContaining("polled the timer for 5.000s")
                .hasMessageContaining("queued behind it on MAIN, \"timer (5.000s)\" due at 5.000s");
        assertThat(sim.now()).as("time never moved").isEqualTo(Duration.ZERO);
    }
}
