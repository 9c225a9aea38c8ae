package dev.asynckatas.kit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Interrupts: each lane is a thread with an interrupt status of its own")
class InterruptTest {

    private final Simulation sim = Simulation.create();
    private final List<String> seen = new ArrayList<>();

    @AfterEach
    void leaveTheTestThreadClean() {
        Thread.interrupted();
    }

    @Test
    @DisplayName("interrupting a lane blocked in SimFuture.get() throws InterruptedException there, with the status cleared")
    void interruptEndsABlockingGet() {
        Lane worker = sim.lane("worker");
        SimFuture<String> never = sim.newFuture("a reply nobody sends");
        worker.execute("waits", () -> {
            try {
                never.get();
                seen.add("got a value");
            } catch (InterruptedException expected) {
                seen.add("interrupted at " + sim.now().toMillis() + ", still interrupted: " + Thread.currentThread().isInterrupted());
            } catch (Exception unexpected) {
                seen.add("failed: " + unexpected);
            }
        });
        sim.lane("canceller").schedule(Duration.ofSeconds(1), "interrupts the worker", worker::interrupt);

        sim.runUntilIdle();

        assertThat(seen).containsExactly("interrupted at 1000, still interrupted: false");
        assertThat(never).isNotDone();
    }

    @Test
    @DisplayName("a task sees its own lane's interrupt status only, and the test thread's flag stays clear")
    void interruptStatusIsPerLane() {
        sim.lane("a").execute("interrupts itself", () -> {
            Thread.currentThread().interrupt();
            seen.add("a: " + Thread.currentThread().isInterrupted());
        });
        sim.lane("b").execute("looks", () -> seen.add("b: " + Thread.currentThread().isInterrupted()));

        sim.runUntilIdle();

        assertThat(seen).containsExactly("a: true", "b: false");
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    @DisplayName("the test thread's own interrupt flag is hidden from tasks and still set after the drive")
    void theTestThreadsFlagIsUntouched() {
        sim.lane("a").execute("looks", () -> seen.add("a: " + Thread.currentThread().isInterrupted()));
        Thread.currentThread().interrupt();

        sim.runUntilIdle();

        assertThat(Thread.interrupted()).isTrue();
        assertThat(seen).containsExactly("a: false");
    }

    @Test
    @DisplayName("a flag a task leaves set does not leak into the lane's next task, as with a pool thread")
    void aLeftoverFlagDoesNotLeakIntoTheNextTask() {
        Lane worker = sim.lane("worker");
        worker.execute("restores the interrupt and returns", () -> Thread.currentThread().interrupt());
        worker.execute("next task", () -> seen.add("next: " + Thread.currentThread().isInterrupted()));

        sim.runUntilIdle();

        assertThat(seen).containsExactly("next: false");
    }

    @Test
    @DisplayName("an interrupt of an idle lane reaches the next task that runs on it")
    void anInterruptOfAnIdleLaneReachesItsNextTask() {
        Lane worker = sim.lane("worker");
        worker.interrupt();
        worker.execute("next task", () -> seen.add("next: " + Thread.currentThread().isInterrupted()));

        sim.runUntilIdle();

        assertThat(seen).containsExactly("next: true");
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }
}
