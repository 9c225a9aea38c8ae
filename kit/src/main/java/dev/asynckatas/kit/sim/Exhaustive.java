package dev.asynckatas.kit.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a tiny scenario under every schedule: every combination of choices at its first {@code depth}
 * choice points (FIFO after that). For scenarios small enough to enumerate, this is a proof rather than a
 * sample.
 *
 * <pre>{@code
 * Exhaustive.explore(4, sim -> {
 *     ... drive the scenario and assert ...
 * });
 * }</pre>
 *
 * A failing schedule is rethrown with its choices and the simulation's timeline attached.
 */
public final class Exhaustive {

    /** Guards against a scenario that is not tiny after all. */
    private static final int MAX_SCHEDULES = 10_000;

    private Exhaustive() {
    }

    /**
     * @param depth    how many choice points to branch on
     * @param scenario builds its platform on the given simulation, drives it and asserts
     * @return how many distinct schedules were run
     */
    public static int explore(int depth, Consumer<Simulation> scenario) {
        return explore(depth, Simulation.builder(), scenario);
    }

    public static int explore(int depth, Simulation.Builder template, Consumer<Simulation> scenario) {
        List<Integer> choices = new ArrayList<>();
        int runs = 0;
        while (true) {
            ScheduleStrategy.Scripted strategy = new ScheduleStrategy.Scripted(choices);
            Simulation sim = template.strategy(strategy).build();
            runs++;
            try {
                scenario.accept(sim);
            } catch (RuntimeException | AssertionError | SimulationError failure) {
                failure.addSuppressed(new TimelineReport("Schedule " + choices + " (choice i = run the i-th ready lane, 0 = FIFO)",
                        sim.timeline()));
                throw failure;
            }
            if (runs >= MAX_SCHEDULES) {
                throw new IllegalStateException("More than " + MAX_SCHEDULES + " schedules: the scenario is too big to explore exhaustively; lower the depth.");
            }
            // Odometer over the arities seen: bump the last choice point that has an untried option.
            List<Integer> arities = strategy.arities();
            List<Integer> next = new ArrayList<>();
            for (int i = 0; i < Math.min(depth, arities.size()); i++) {
                next.add(i < choices.size() ? choices.get(i) : 0);
            }
            int i = next.size() - 1;
            while (i >= 0 && next.get(i) + 1 >= arities.get(i)) {
                i--;
            }
            if (i < 0) {
                return runs;
            }
            next.set(i, next.get(i) + 1);
            choices = new ArrayList<>(next.subList(0, i + 1));
        }
    }
}
