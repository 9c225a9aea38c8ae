package dev.asynckatas.kit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Deadlocks and livelocks end in a clear error instead of a hang")
class FailureDetectionTest {

    @Test
    @DisplayName("MAIN joining a future that only a MAIN task completes is a deadlock naming MAIN, the future and the queued task")
    void mainWaitingForMainIsADeadlock() {
        Simulation sim = Simulation.create();
        SimFuture<String> answer = sim.newFuture("the answer from MAIN");
        sim.main().execute("waits for the answer", answer::join);
        sim.main().execute("delivers the answer", () -> answer.complete("42"));

        Throwable failure = catchThrowable(sim::runCurrent);

        assertThat(failure).isInstanceOf(DeadlockError.class)
                .hasMessageContaining("MAIN")
                .hasMessageContaining("waits for the answer")
                .hasMessageContaining("the answer from MAIN")
                .hasMessageContaining("\"delivers the answer\"");
    }

    @Test
    @DisplayName("waiting for a future that nothing will ever complete is a deadlock that says nothing is scheduled")
    void waitingForNothingIsADeadlock() {
        Simulation sim = Simulation.create();

        assertThatThrownBy(() -> sim.newFuture("a reply nobody sends").join())
                .isInstanceOf(DeadlockError.class)
                .hasMessageContaining("a reply nobody sends")
                .hasMessageContaining("No task is scheduled at all");
    }

    @Test
    @DisplayName("a deadlock swallowed by a thenApply stage is rethrown by the next drive, and by every drive after it")
    void aSwallowedFailureIsSticky() {
        Simulation sim = Simulation.create();
        SimFuture<String> trigger = sim.newFuture("the trigger");
        SimFuture<String> never = sim.newFuture("a reply nobody sends");
        CompletableFuture<String> stage = trigger.thenApply(value -> never.join());

        trigger.complete("go"); // the stage's join deadlocks, and the stage swallows the error into itself
        assertThat(stage).isCompletedExceptionally();
        Throwable first = catchThrowable(sim::runCurrent);

        assertThat(first).isInstanceOf(DeadlockError.class).hasMessageContaining("a reply nobody sends");
        assertThat(sim.failure()).containsSame((SimulationError) first);
        assertThat(catchThrowable(sim::runUntilIdle)).isSameAs(first);
        assertThat(catchThrowable(() -> sim.advanceBy(Duration.ofSeconds(1)))).isSameAs(first);
        assertThat(catchThrowable(sim::step)).isSameAs(first);
    }

    @Test
    @DisplayName("a deadlock swallowed inside a task's stage fails the drive that ran the task")
    void aFailureSwallowedInsideATaskFailsThatDrive() {
        Simulation sim = Simulation.create();
        SimFuture<String> trigger = sim.newFuture("the trigger");
        SimFuture<String> never = sim.newFuture("a reply nobody sends");
        trigger.thenApply(value -> never.join());
        sim.lane("worker").schedule(Duration.ofSeconds(1), "pulls the trigger", () -> trigger.complete("go"));

        assertThatThrownBy(sim::runUntilIdle).isInstanceOf(DeadlockError.class);
    }

    @Test
    @DisplayName("a task that reschedules itself forever ends in a LivelockError within the step budget")
    void endlessReschedulingIsALivelock() {
        Simulation sim = Simulation.builder().stepBudget(50).build();
        int[] runs = {0};
        Runnable[] poll = new Runnable[1];
        poll[0] = () -> {
            runs[0]++;
            sim.lane("poller").execute("polls again", poll[0]);
        };
        sim.lane("poller").execute("polls again", poll[0]);

        assertThatThrownBy(sim::runUntilIdle).isInstanceOf(LivelockError.class)
                .hasMessageContaining("50 tasks").hasMessageContaining("polls again");
        assertThat(runs[0]).isEqualTo(50);
    }

    @Test
    @DisplayName("a task that busy-waits on the clock gets a LivelockError instead of hanging the test")
    void busyWaitingOnTheClockIsALivelock() {
        Simulation sim = Simulation.create();
        sim.main().execute("spins until a second has passed", () -> {
            Instant deadline = sim.clock().instant().plusSeconds(1);
            while (sim.clock().instant().isBefore(deadline)) {
                // busy-wait: time never moves inside a task
            }
        });

        assertThatThrownBy(sim::runCurrent).isInstanceOf(LivelockError.class)
                .hasMessageContaining("Busy-waiting").hasMessageContaining("spins until a second has passed");
    }

    @Test
    @DisplayName("a task that spins on a future's isDone() gets a LivelockError naming the future and what waits on other lanes")
    void spinningOnAFutureIsALivelock() {
        Simulation sim = Simulation.create();
        SimFuture<String> reply = sim.newFuture("the reply");
        sim.lane("worker").schedule(Duration.ofSeconds(1), "delivers the reply", () -> reply.complete("hi"));
        sim.main().execute("spins until the reply is there", () -> {
            while (!reply.isDone()) {
                // busy-wait: the worker's task can never run while this one does
            }
        });

        assertThatThrownBy(sim::runCurrent).isInstanceOf(LivelockError.class)
                .hasMessageContaining("spins until the reply is there").hasMessageContaining("polled the reply")
                .hasMessageContaining("\"delivers the reply\" due at 1.000s on worker");
    }

    @Test
    @DisplayName("polling a future from the test itself, or a few times inside a task, is no busy wait")
    void pollingALittleIsFine() {
        Simulation sim = Simulation.create();
        SimFuture<String> reply = sim.newFuture("the reply");
        sim.lane("worker").schedule(Duration.ofSeconds(1), "delivers the reply", () -> reply.complete("hi"));
        sim.main().execute("checks a few times", () -> {
            for (int i = 0; i < 1_000; i++) {
                reply.isDone();
            }
        });
        for (int i = 0; i < 200_000; i++) {
            reply.isDone();
        }

        sim.runUntilIdle();

        assertThat(reply.join()).isEqualTo("hi");
    }
}
