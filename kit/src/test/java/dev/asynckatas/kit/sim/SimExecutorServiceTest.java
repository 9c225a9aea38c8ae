package dev.asynckatas.kit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SimExecutorServiceTest {

    private final Simulation sim = Simulation.create();
    private final List<String> log = new ArrayList<>();

    @Test
    @DisplayName("serial: one lane, tasks in submission order")
    void serialRunsTasksInOrderOnOneLane() {
        SimExecutorService queue = SimExecutorService.serial(sim, "downloads");
        for (int i = 1; i <= 3; i++) {
            int n = i;
            queue.execute(() -> log.add(n + " on " + sim.currentLane().name()));
        }
        sim.runUntilIdle();
        assertThat(log).containsExactly("1 on downloads", "2 on downloads", "3 on downloads");
    }

    @Test
    @DisplayName("concurrent: every task on a lane of its own, so a schedule can reorder them")
    void concurrentGivesEachTaskItsOwnLane() {
        Simulation reordered = Simulation.builder().strategy(ScheduleStrategy.scripted(List.of(1))).build();
        SimExecutorService pool = SimExecutorService.concurrent(reordered, "pool");
        pool.execute(() -> log.add("first on " + reordered.currentLane().name()));
        pool.execute(() -> log.add("second on " + reordered.currentLane().name()));
        reordered.runUntilIdle();
        assertThat(log).containsExactly("second on pool#2", "first on pool#1");
    }

    @Test
    @DisplayName("submit: the future's get pumps the simulation and gives the result, or the failure")
    void submitReturnsAFutureWhoseGetPumps() throws Exception {
        SimExecutorService queue = SimExecutorService.serial(sim, "work");
        Future<String> ok = queue.submit(() -> "done at " + sim.now());
        Future<String> failed = queue.submit((Callable<String>) () -> {
            throw new IllegalStateException("boom");
        });

        assertThat(ok.get()).isEqualTo("done at PT0S");
        assertThatThrownBy(failed::get).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IllegalStateException.class);
        assertThat(sim.uncaughtExceptions()).as("a submitted task's failure belongs to its future").isEmpty();
    }

    @Test
    @DisplayName("execute: a task that throws is an uncaught exception of the simulation")
    void executeReportsAThrowingTaskAsUncaught() {
        SimExecutorService queue = SimExecutorService.serial(sim, "work");
        queue.execute(() -> {
            throw new IllegalStateException("boom");
        });
        sim.runUntilIdle();
        assertThat(sim.takeUncaughtExceptions()).singleElement().isInstanceOf(IllegalStateException.class);
        assertThat(queue.activeTasks()).isZero();
    }

    @Test
    @DisplayName("awaitTermination waits for the tasks, not for the asynchronous work they start")
    void awaitTerminationWaitsForTasksNotForWhatTheyStart() throws InterruptedException {
        SimExecutorService queue = SimExecutorService.serial(sim, "downloads");
        SimFuture<String> download = sim.newFuture("a download");
        sim.lane("network").schedule(Duration.ofSeconds(3), "the download completes", () -> download.complete("bytes"));
        queue.execute(() -> download.thenRun(() -> log.add("downloaded at " + sim.now())));

        queue.shutdown();
        boolean terminated = queue.awaitTermination(10, TimeUnit.SECONDS);

        assertThat(terminated).isTrue();
        assertThat(sim.now()).as("terminated as soon as the task that started the download returned").isEqualTo(Duration.ZERO);
        assertThat(log).isEmpty();
        sim.runUntilIdle();
        assertThat(log).containsExactly("downloaded at PT3S");
    }

    @Test
    @DisplayName("awaitTermination while a task blocks forever: a deadlock error, not a hung test")
    void awaitTerminationWithATaskBlockedForeverDeadlocks() {
        SimExecutorService queue = SimExecutorService.serial(sim, "work");
        SimFuture<String> never = sim.newFuture("an answer that never comes");
        queue.submit(() -> never.join());
        queue.shutdown();

        // A blocked task holds the nested run loop until it returns (one thread runs everything), so the outer
        // wait's deadline cannot rescue it: the simulation reports the task's wait instead.
        assertThatThrownBy(() -> queue.awaitTermination(2, TimeUnit.SECONDS)).isInstanceOf(DeadlockError.class)
                .hasMessageContaining("an answer that never comes");
    }

    @Test
    @DisplayName("awaitTermination before shutdown: false at the deadline, in virtual time")
    void awaitTerminationReturnsFalseAtTheDeadline() throws InterruptedException {
        SimExecutorService queue = SimExecutorService.serial(sim, "work");
        queue.execute(() -> log.add("ran"));

        assertThat(queue.awaitTermination(2, TimeUnit.SECONDS)).isFalse();
        assertThat(sim.now()).isEqualTo(Duration.ofSeconds(2));
        assertThat(log).containsExactly("ran");
        queue.shutdown();
        assertThat(queue.awaitTermination(0, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    @DisplayName("close() on MAIN while a task waits for MAIN: a deadlock error naming MAIN, not a hung test")
    void closeOnMainWhileATaskNeedsMainDeadlocks() {
        SimExecutorService queue = SimExecutorService.serial(sim, "downloads");
        sim.main().execute("the handler, on main", () -> {
            queue.execute(() -> {
                SimFuture<Void> onMain = sim.newFuture("work hopped to main");
                sim.main().execute("the completion", () -> onMain.complete(null));
                onMain.join();
            });
            queue.close();
        });

        // The innermost wait is the one that can never end: the task's, on downloads, with MAIN blocked in close().
        assertThatThrownBy(sim::runUntilIdle).isInstanceOf(DeadlockError.class)
                .hasMessageContaining("downloads").hasMessageContaining("MAIN is blocked").hasMessageContaining("the completion");
    }

    @Test
    @DisplayName("close() waits for every task, pumping, then rejects new ones")
    void closeWaitsThenRejects() {
        SimExecutorService queue = SimExecutorService.concurrent(sim, "pool");
        SimFuture<String> late = sim.newFuture("a late answer");
        sim.lane("network").schedule(Duration.ofSeconds(4), "the answer", () -> late.complete("ok"));
        queue.execute(() -> log.add("got " + late.join() + " at " + sim.now()));

        queue.close();

        assertThat(log).containsExactly("got ok at PT4S");
        assertThat(queue.isTerminated()).isTrue();
        assertThatThrownBy(() -> queue.execute(() -> { })).isInstanceOf(RejectedExecutionException.class)
                .hasMessageContaining("shut down");
    }

    @Test
    @DisplayName("cancel(true) interrupts the running task's lane; cancel before the start means it never runs")
    void cancelInterruptsOrPrevents() throws Exception {
        SimExecutorService pool = SimExecutorService.concurrent(sim, "pool");
        SimFuture<String> never = sim.newFuture("an answer that never comes");
        Future<String> blocked = pool.submit(() -> {
            try {
                return never.get();
            } catch (InterruptedException interrupted) {
                log.add("interrupted at " + sim.now());
                throw interrupted;
            }
        });
        sim.lane("user").schedule(Duration.ofSeconds(1), "the user cancels", () -> blocked.cancel(true));
        Future<?> neverStarted = pool.submit(() -> log.add("must not run"));
        neverStarted.cancel(false);

        sim.runUntilIdle();

        assertThat(log).containsExactly("interrupted at PT1S");
        assertThat(blocked.isCancelled()).isTrue();
        assertThat(neverStarted.isCancelled()).isTrue();
        assertThat(pool.activeTasks()).isZero();
        assertThatThrownBy(blocked::get).isInstanceOf(CancellationException.class);
    }

    @Test
    @DisplayName("shutdownNow drops the queued tasks (returning them) and interrupts the running one")
    void shutdownNowDropsAndInterrupts() {
        SimExecutorService queue = SimExecutorService.serial(sim, "work");
        SimFuture<String> late = sim.newFuture("a late answer");
        queue.submit(() -> {
            try {
                return late.get();
            } catch (InterruptedException interrupted) {
                log.add("interrupted at " + sim.now());
                return "gave up";
            }
        });
        queue.execute(() -> log.add("queued one ran"));
        sim.lane("admin").schedule(Duration.ofSeconds(2), "shutdownNow", () -> log.add(queue.shutdownNow().size() + " dropped"));

        sim.runUntilIdle();

        assertThat(log).containsExactly("1 dropped", "interrupted at PT2S");
        assertThat(queue.isTerminated()).isTrue();
    }

    @Test
    @DisplayName("invokeAll waits for every task, pumping the simulation")
    void invokeAllWaitsForEveryTask() throws Exception {
        SimExecutorService pool = SimExecutorService.concurrent(sim, "pool");
        SimFuture<String> slow = sim.newFuture("slow");
        sim.lane("network").schedule(Duration.ofSeconds(3), "slow answers", () -> slow.complete("slow"));

        List<Future<String>> all = pool.invokeAll(List.of(() -> "fast", () -> slow.get()));

        assertThat(all).extracting(Future::resultNow).containsExactly("fast", "slow");
        assertThat(sim.now()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    @DisplayName("a serial queue waiting on itself: invokeAll deadlocks; with a timeout it cancels at the deadline")
    void invokeAllFromItsOwnSerialQueue() {
        SimExecutorService queue = SimExecutorService.serial(sim, "work");
        queue.execute(() -> {
            try {
                List<Future<String>> timed = queue.invokeAll(List.<Callable<String>>of(() -> "inner"), 1, TimeUnit.SECONDS);
                log.add("timed: cancelled=" + timed.get(0).isCancelled() + " at " + sim.now());
                queue.invokeAll(List.<Callable<String>>of(() -> "inner"));
            } catch (InterruptedException unexpected) {
                throw new AssertionError(unexpected);
            }
        });

        assertThatThrownBy(sim::runUntilIdle).isInstanceOf(DeadlockError.class).hasMessageContaining("invokeAll")
                .hasMessageContaining("queued on work itself");
        assertThat(log).containsExactly("timed: cancelled=true at PT1S");
    }

    @Test
    @DisplayName("invokeAny returns the first success, or the failure when all fail; a timeout is virtual")
    void invokeAnyReturnsTheFirstSuccess() throws Exception {
        SimExecutorService pool = SimExecutorService.concurrent(sim, "pool");
        SimFuture<String> late = sim.newFuture("late");
        sim.lane("network").schedule(Duration.ofSeconds(2), "late answers", () -> late.complete("late"));
        Callable<String> failing = () -> {
            throw new IllegalStateException("no");
        };

        assertThat(pool.invokeAny(List.of(failing, () -> late.get()))).isEqualTo("late");
        assertThatThrownBy(() -> pool.invokeAny(List.of(failing))).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalStateException.class);

        SimExecutorService queue = SimExecutorService.serial(sim, "work");
        queue.execute(() -> {
            try {
                queue.invokeAny(List.<Callable<String>>of(() -> "inner"), 1, TimeUnit.SECONDS);
            } catch (TimeoutException expected) {
                log.add("timed out at " + sim.now());
            } catch (InterruptedException | ExecutionException unexpected) {
                throw new AssertionError(unexpected);
            }
        });
        sim.runUntilIdle();
        assertThat(log).containsExactly("timed out at PT3S");
    }
}
