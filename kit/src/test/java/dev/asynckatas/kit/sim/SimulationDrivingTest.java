package dev.asynckatas.kit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Driving the simulation: virtual time moves only when the test says so")
class SimulationDrivingTest {

    private final Simulation sim = Simulation.create();
    private final List<String> ran = new ArrayList<>();

    /** A task body that records its name and the virtual time (in ms) it ran at. */
    private Runnable record(String name) {
        return () -> ran.add(name + "@" + sim.now().toMillis());
    }

    @Test
    @DisplayName("time never advances by itself: a delayed task waits, and the clock reads the same instant again and again")
    void timeNeverAdvancesByItself() {
        sim.main().schedule(Duration.ofMillis(1), "later", record("later"));

        sim.runCurrent();
        sim.runCurrent();

        assertThat(ran).isEmpty();
        assertThat(sim.now()).isZero();
        assertThat(sim.clock().instant()).isEqualTo(VirtualClock.START).isEqualTo(sim.clock().instant());
        assertThat(sim.pending()).extracting(Task::label).containsExactly("later");
    }

    @Test
    @DisplayName("advanceBy runs everything due within the duration, in time order, and leaves the clock at the target")
    void advanceByRunsEverythingDueInOrder() {
        sim.lane("b").schedule(Duration.ofSeconds(2), "b", record("b"));
        sim.lane("a").schedule(Duration.ofSeconds(1), "a", record("a"));
        sim.main().schedule(Duration.ofSeconds(4), "too late", record("too late"));

        sim.advanceBy(Duration.ofSeconds(3));

        assertThat(ran).containsExactly("a@1000", "b@2000");
        assertThat(sim.now()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    @DisplayName("advanceTo runs what is due up to an instant since the start, and time never goes backwards")
    void advanceToRunsUpToAnInstant() {
        sim.main().schedule(Duration.ofSeconds(5), "five", record("five"));
        sim.advanceBy(Duration.ofSeconds(2));

        sim.advanceTo(Duration.ofSeconds(5));

        assertThat(ran).containsExactly("five@5000");
        assertThat(sim.now()).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> sim.advanceTo(Duration.ofSeconds(4))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sim.advanceBy(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("runCurrent runs only what is due now, including tasks those tasks schedule for now")
    void runCurrentRunsOnlyWhatIsDueNow() {
        sim.main().execute("first", () -> {
            ran.add("first");
            sim.lane("worker").execute("scheduled for now", record("scheduled for now"));
            sim.main().schedule(Duration.ofMillis(1), "scheduled for later", record("scheduled for later"));
        });

        sim.runCurrent();

        assertThat(ran).containsExactly("first", "scheduled for now@0");
        assertThat(sim.now()).isZero();
        assertThat(sim.pending()).extracting(Task::label).containsExactly("scheduled for later");
    }

    @Test
    @DisplayName("step runs exactly one task, jumping the clock to it, and says false when nothing is left")
    void stepRunsOneTaskAtATime() {
        sim.main().execute("now", record("now"));
        sim.lane("worker").schedule(Duration.ofSeconds(2), "in two seconds", record("in two seconds"));

        assertThat(sim.step()).isTrue();
        assertThat(ran).containsExactly("now@0");
        assertThat(sim.now()).isZero();

        assertThat(sim.step()).isTrue();
        assertThat(ran).containsExactly("now@0", "in two seconds@2000");
        assertThat(sim.now()).isEqualTo(Duration.ofSeconds(2));

        assertThat(sim.step()).isFalse();
    }

    @Test
    @DisplayName("runUntilIdle jumps the clock from one task to the next until nothing is left")
    void runUntilIdleJumpsTime() {
        sim.lane("worker").schedule(Duration.ofSeconds(10), "ten seconds", () -> {
            ran.add("ten seconds@" + sim.now().toMillis());
            sim.lane("worker").schedule(Duration.ofHours(1), "an hour later", record("an hour later"));
        });

        sim.runUntilIdle();

        assertThat(ran).containsExactly("ten seconds@10000", "an hour later@3610000");
        assertThat(sim.now()).isEqualTo(Duration.ofSeconds(3610));
        assertThat(sim.pending()).isEmpty();
    }

    @Test
    @DisplayName("the simulation cannot be driven from inside one of its own tasks")
    void cannotDriveFromInsideATask() {
        List<Throwable> thrown = new ArrayList<>();
        sim.main().execute("drives", () -> {
            try {
                sim.runCurrent();
            } catch (IllegalStateException expected) {
                thrown.add(expected);
            }
        });

        sim.runCurrent();

        assertThat(thrown).singleElement().extracting(Throwable::getMessage).asString().contains("drives");
    }

    @Test
    @DisplayName("a lane made by newConcurrentLane still runs work submitted after its first task finished")
    void aConcurrentLaneCanBeReused() {
        Lane lane = sim.newConcurrentLane("worker");
        lane.execute("first", record("first"));
        sim.runUntilIdle();

        lane.execute("second", record("second"));
        sim.runUntilIdle();

        assertThat(ran).containsExactly("first@0", "second@0");
    }
}
