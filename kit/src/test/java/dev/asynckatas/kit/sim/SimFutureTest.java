package dev.asynckatas.kit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SimFuture: a CompletableFuture whose waits drive the simulation")
class SimFutureTest {

    private final Simulation sim = Simulation.create();
    private final List<String> seen = new ArrayList<>();

    @Test
    @DisplayName("join inside a task runs the other lanes until the future completes, then goes on at that virtual time")
    void joinInsideATaskPumpsOtherLanes() {
        SimFuture<String> answer = sim.newFuture("the answer");
        sim.lane("server").schedule(Duration.ofSeconds(2), "answers", () -> answer.complete("42"));
        sim.lane("worker").execute("waits", () -> seen.add(answer.join() + "@" + sim.now().toMillis()));

        sim.runUntilIdle();

        assertThat(seen).containsExactly("42@2000");
    }

    @Test
    @DisplayName("get(timeout) waits in virtual time and throws TimeoutException with the clock at the deadline")
    void getWithTimeoutWaitsInVirtualTime() {
        SimFuture<String> never = sim.newFuture("a reply");
        sim.lane("worker").schedule(Duration.ofSeconds(9), "too late", () -> never.complete("late"));

        assertThatThrownBy(() -> never.get(5, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);

        assertThat(sim.now()).isEqualTo(Duration.ofSeconds(5));
        assertThat(never).isNotDone();
    }

    @Test
    @DisplayName("get(timeout) returns the value as soon as it comes within the timeout")
    void getWithTimeoutReturnsAnEarlyValue() throws Exception {
        SimFuture<String> reply = sim.newFuture("a reply");
        sim.lane("worker").schedule(Duration.ofSeconds(3), "replies", () -> reply.complete("hello"));

        assertThat(reply.get(5, TimeUnit.SECONDS)).isEqualTo("hello");
        assertThat(sim.now()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    @DisplayName("orTimeout fails the future with TimeoutException at the virtual deadline, not before")
    void orTimeoutRunsInVirtualTime() {
        CompletableFuture<String> guarded = sim.<String>newFuture("slow work").orTimeout(2, TimeUnit.SECONDS);

        sim.advanceBy(Duration.ofMillis(1999));
        assertThat(guarded).isNotDone();
        sim.advanceBy(Duration.ofMillis(1));

        assertThat(guarded).isCompletedExceptionally();
        assertThatThrownBy(guarded::get).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TimeoutException.class);
    }

    @Test
    @DisplayName("completeOnTimeout completes the future with the fallback at the virtual deadline")
    void completeOnTimeoutRunsInVirtualTime() {
        CompletableFuture<String> withFallback = sim.<String>newFuture("slow work").completeOnTimeout("fallback", 2, TimeUnit.SECONDS);

        sim.advanceBy(Duration.ofMillis(1999));
        assertThat(withFallback).isNotDone();
        sim.advanceBy(Duration.ofMillis(1));

        assertThat(withFallback).isCompletedWithValue("fallback");
    }

    @Test
    @DisplayName("a future that completes before its orTimeout leaves no timer behind (runUntilIdle does not jump to the deadline)")
    void orTimeoutIsCancelledByCompletion() {
        SimFuture<String> work = sim.newFuture("work");
        work.orTimeout(30, TimeUnit.SECONDS);
        work.completeOnTimeout("fallback", 30, TimeUnit.SECONDS);
        sim.lane("worker").schedule(Duration.ofSeconds(1), "finishes", () -> work.complete("done"));

        sim.runUntilIdle();

        assertThat(work).isCompletedWithValue("done");
        assertThat(sim.now()).isEqualTo(Duration.ofSeconds(1));
        assertThat(sim.pending()).isEmpty();
    }

    @Test
    @DisplayName("derived stages are SimFutures too, so waiting on them drives the simulation")
    void derivedStagesAreSimFutures() {
        SimFuture<Integer> source = sim.newFuture("a number");
        CompletableFuture<Integer> doubled = source.thenApply(n -> n * 2);
        sim.lane("worker").schedule(Duration.ofSeconds(1), "completes", () -> source.complete(21));

        assertThat(doubled).isInstanceOf(SimFuture.class);
        assertThat(doubled.join()).isEqualTo(42);
        assertThat(sim.now()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    @DisplayName("*Async stages without an executor run on the simulation's commonPool lanes, only when the test drives it")
    void asyncStagesStayInTheSimulation() {
        SimFuture<Integer> source = sim.newFuture("a number");
        // Deliberately without an executor: that is the behaviour under test (the JDK would use its common pool).
        CompletableFuture<String> async = source.thenApplyAsync(n -> n + " on " + sim.currentLane().name());

        source.complete(7);
        assertThat(async).isNotDone();
        sim.runCurrent();

        assertThat(async.join()).startsWith("7 on commonPool#");
    }
}
