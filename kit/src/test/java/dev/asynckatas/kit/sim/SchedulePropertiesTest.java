package dev.asynckatas.kit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

@Label("Scheduling properties")
class SchedulePropertiesTest {

    private static final List<String> LANES = List.of("MAIN", "a", "b", "c");

    /**
     * Task {@code i} runs on lane {@code lanes[i]}, {@code delays[i]} ms after the start (missing delays are 0).
     * Whatever the schedule, each task runs once, and each lane runs its tasks in due-time, then scheduling, order.
     */
    @Property(seed = "20260105")
    @Label("under any scripted schedule every task runs exactly once and the tasks of one lane keep their order")
    void everyTaskRunsOnceAndLanesKeepTheirOrder(
            @ForAll @Size(max = 40) List<@IntRange(min = -3, max = 7) Integer> choices,
            @ForAll @Size(min = 1, max = 16) List<@IntRange(min = 0, max = 3) Integer> lanes,
            @ForAll @Size(max = 16) List<@IntRange(min = 0, max = 2) Integer> delays) {
        Simulation sim = Simulation.builder().strategy(ScheduleStrategy.scripted(choices)).build();
        List<Integer> ran = new ArrayList<>();
        for (int i = 0; i < lanes.size(); i++) {
            int task = i;
            Lane lane = sim.lane(LANES.get(lanes.get(i)));
            lane.schedule(Duration.ofMillis(delayOf(delays, i)), "task " + i, () -> ran.add(task));
        }

        sim.runUntilIdle();

        assertThat(ran).as("each task once").containsExactlyInAnyOrderElementsOf(IntStream.range(0, lanes.size()).boxed().toList());
        for (int lane = 0; lane < LANES.size(); lane++) {
            int l = lane;
            List<Integer> ranOnLane = ran.stream().filter(t -> lanes.get(t) == l).toList();
            List<Integer> expected = ranOnLane.stream()
                    .sorted(Comparator.comparingInt((Integer t) -> delayOf(delays, t)).thenComparingInt(t -> t)).toList();
            assertThat(ranOnLane).as("order on lane " + LANES.get(l)).isEqualTo(expected);
        }
    }

    private static int delayOf(List<Integer> delays, int task) {
        return task < delays.size() ? delays.get(task) : 0;
    }
}
