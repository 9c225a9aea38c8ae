package dev.asynckatas.kit.sim;

import java.util.List;

/**
 * Decides which lane runs at a choice point: when tasks on two or more lanes are ready at the same
 * virtual time. That choice is what concurrency means in the simulation.
 *
 * <p>Choice {@code 0} is always first-in-first-out, so a script of zeros is the FIFO schedule and a shrunk
 * script shows the fewest departures from FIFO that explain a bug.
 */
public interface ScheduleStrategy {

    /**
     * @param ready the ready tasks, one per lane, in first-in-first-out order (at least two)
     * @return the index of the task to run
     */
    int choose(List<Task> ready);

    /** Always the task that was due, and scheduled, first. The default. */
    static ScheduleStrategy fifo() {
        return ready -> 0;
    }

    /**
     * Follows a list of choices, one per choice point, each taken modulo the number of ready tasks; FIFO once
     * the list runs out. Meant for jqwik to generate and shrink.
     */
    static ScheduleStrategy scripted(List<Integer> choices) {
        return new Scripted(choices);
    }

    /** See {@link #scripted}. Records how many options each choice point had, for {@link Exhaustive}. */
    final class Scripted implements ScheduleStrategy {
        private final List<Integer> choices;
        private final java.util.ArrayList<Integer> arities = new java.util.ArrayList<>();

        Scripted(List<Integer> choices) {
            this.choices = List.copyOf(choices);
        }

        @Override
        public int choose(List<Task> ready) {
            int point = arities.size();
            arities.add(ready.size());
            return point < choices.size() ? Math.floorMod(choices.get(point), ready.size()) : 0;
        }

        /** How many tasks were ready at each choice point met so far. */
        public List<Integer> arities() {
            return List.copyOf(arities);
        }

        @Override
        public String toString() {
            return "scripted" + choices;
        }
    }
}
