package dev.asynckatas.kit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asynckatas.kit.timeline.TimelineEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Scheduling: lanes are FIFO, and the strategy decides between lanes")
class SchedulingTest {

    private final List<String> ran = new ArrayList<>();

    @Test
    @DisplayName("MAIN runs its tasks in strict submission order, even when the schedule departs from FIFO between lanes")
    void mainIsStrictFifo() {
        Simulation sim = Simulation.builder().strategy(ScheduleStrategy.scripted(List.of(1, 2, 1, 3, 1, 2, 1))).build();
        for (int i = 0; i < 8; i++) {
            int n = i;
            sim.main().execute("main " + n, () -> ran.add("main " + n));
            sim.lane("worker").execute("worker " + n, () -> ran.add("worker " + n));
        }

        sim.runCurrent();

        assertThat(ran.stream().filter(s -> s.startsWith("main")))
                .containsExactly(IntStream.range(0, 8).mapToObj(i -> "main " + i).toArray(String[]::new));
    }

    @Test
    @DisplayName("two tasks due at the same instant on one lane run in the order they were scheduled")
    void sameInstantOnOneLaneRunsInSchedulingOrder() {
        Simulation sim = Simulation.create();
        Lane worker = sim.lane("worker");
        worker.schedule(Duration.ofSeconds(2), "scheduled first, at 0 s", () -> ran.add("first"));
        sim.advanceBy(Duration.ofSeconds(1));
        worker.schedule(Duration.ofSeconds(1), "scheduled second, at 1 s", () -> ran.add("second"));

        sim.runUntilIdle();

        assertThat(ran).containsExactly("first", "second");
    }

    @Test
    @DisplayName("on two lanes at the same instant, FIFO runs the earlier scheduled task first")
    void fifoPicksTheEarlierScheduledLane() {
        Simulation sim = Simulation.create();
        raceTwoLanes(sim);

        sim.runUntilIdle();

        assertThat(ran).containsExactly("a", "b");
        assertThat(sim.timeline().events()).noneMatch(e -> e.kind() == TimelineEvent.Kind.CHOICE);
    }

    @Test
    @DisplayName("on two lanes at the same instant, the script's choice 1 runs the later scheduled task first and the timeline says so")
    void scriptedChoicePicksTheOtherLane() {
        Simulation sim = Simulation.builder().strategy(ScheduleStrategy.scripted(List.of(1))).build();
        raceTwoLanes(sim);

        sim.runUntilIdle();

        assertThat(ran).containsExactly("b", "a");
        assertThat(sim.timeline().events()).filteredOn(e -> e.kind() == TimelineEvent.Kind.CHOICE)
                .singleElement().extracting(TimelineEvent::text).asString().contains("picks b before a");
    }

    private void raceTwoLanes(Simulation sim) {
        sim.lane("a").schedule(Duration.ofSeconds(1), "a", () -> ran.add("a"));
        sim.lane("b").schedule(Duration.ofSeconds(1), "b", () -> ran.add("b"));
    }

    @Test
    @DisplayName("concurrent(\"global\") gives each task a lane of its own, so tasks submitted together race")
    void concurrentGivesEachTaskItsOwnLane() {
        Simulation sim = Simulation.builder().strategy(ScheduleStrategy.scripted(List.of(2))).build();
        Executor global = sim.concurrent("global");
        for (int i = 1; i <= 3; i++) {
            int n = i;
            global.execute(() -> ran.add(n + " on " + sim.currentLane().name()));
        }

        sim.runUntilIdle();

        assertThat(ran).containsExactly("3 on global#3", "1 on global#1", "2 on global#2");
    }

    @Test
    @DisplayName("Exhaustive.explore runs three racing tasks on three lanes in exactly the 6 possible orders")
    void exhaustiveExploresEveryOrder() {
        Set<List<String>> orders = new HashSet<>();

        int runs = Exhaustive.explore(5, sim -> {
            List<String> order = new ArrayList<>();
            for (String lane : List.of("a", "b", "c")) {
                sim.lane(lane).execute(lane, () -> order.add(lane));
            }
            sim.runUntilIdle();
            orders.add(order);
        });

        assertThat(runs).isEqualTo(6);
        assertThat(orders).hasSize(6);
    }

    @Test
    @DisplayName("Exhaustive.explore rethrows the first failing schedule with its choices and timeline attached")
    void exhaustiveReportsTheFailingSchedule() {
        assertThatThrownBy(() -> Exhaustive.explore(3, sim -> {
            List<String> order = new ArrayList<>();
            sim.lane("a").execute("a", () -> order.add("a"));
            sim.lane("b").execute("b", () -> order.add("b"));
            sim.runUntilIdle();
            assertThat(order).as("a runs first").startsWith("a");
        }))
                .isInstanceOf(AssertionError.class)
                .satisfies(failure -> assertThat(TimelineReport.of(failure)).get().asString()
                        .contains("Schedule [1]").contains("schedule picks b before a"));
    }
}
