package dev.asynckatas.backgroundtask;

import static dev.asynckatas.backgroundtask.Checkout.confirmedAfter;
import static dev.asynckatas.kit.assertions.PlatformAssertions.assertEveryBackgroundTaskEndedOnce;
import static dev.asynckatas.kit.assertions.PlatformAssertions.assertNoMainThreadViolations;
import static org.assertj.core.api.Assertions.assertThat;

import dev.asynckatas.kit.SimPlatform;
import dev.asynckatas.kit.app.SimNavigator.Shown;
import dev.asynckatas.kit.http.Exchange;
import dev.asynckatas.kit.http.Reply;
import dev.asynckatas.kit.junit.CatchesBug;
import dev.asynckatas.kit.sim.ScheduleStrategy;
import dev.asynckatas.kit.sim.Simulation;
import dev.asynckatas.kit.sim.TimelineReport;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Kata 01's invariants over many stories: random times at which the customer leaves and comes back, random
 * answers from the shop at random times, random interleavings of the threads. A failure shows the smallest
 * story jqwik could find, with its timeline.
 */
class BackgroundTaskProperties {

    /** What the shop does with the order. */
    enum Answer {
        CONFIRMED, SERVER_ERROR, UNREADABLE, CONNECTION_RESET, NO_ANSWER;

        Reply after(Duration latency) {
            return switch (this) {
                case CONFIRMED -> confirmedAfter(latency);
                case SERVER_ERROR -> Reply.status(502).after(latency);
                case UNREADABLE -> Reply.ok("not json").after(latency);
                case CONNECTION_RESET -> Reply.connectionReset().after(latency);
                case NO_ANSWER -> Reply.never();
            };
        }
    }

    /**
     * @param answer   what the shop answers
     * @param latency  when (seconds after the tap)
     * @param away     the seconds at which the customer leaves, comes back, leaves... (sorted)
     * @param schedule choices at the points where threads race (0 = first come, first served)
     */
    record Story(Answer answer, int latency, List<Integer> away, List<Integer> schedule) {
    }

    @Property(seed = "424242", tries = 300)
    @Label("any story: every background task ended once, the outcome shown once, in the foreground")
    @CatchesBug(Bugs.NEVER_ENDS_THE_TASK)
    void anyStoryEndsEveryTaskOnceAndShowsTheOutcomeOnceInTheForeground(@ForAll("stories") Story story) {
        Simulation sim = Simulation.builder().strategy(ScheduleStrategy.scripted(story.schedule())).build();
        TimelineReport.attachOnFailure(sim, () -> {
            Checkout checkout = new Checkout(SimPlatform.on(sim)).shopAnswers(story.answer().after(Duration.ofSeconds(story.latency())));
            checkout.tapPlaceOrder();
            boolean inBackground = false;
            for (int second : story.away()) {
                checkout.at(second);
                if (inBackground) {
                    checkout.app.enterForeground();
                } else {
                    checkout.app.enterBackground();
                }
                inBackground = !inBackground;
            }
            checkout.at(200);
            if (inBackground) {
                checkout.app.enterForeground();
            }
            sim.runUntilIdle();

            assertEveryBackgroundTaskEndedOnce(sim, checkout.app);
            assertNoMainThreadViolations(sim);
            List<Shown> shown = checkout.navigator.shown();
            assertThat(shown).as("outcomes shown for one order (the next screen or an error, once)").hasSize(1);
            assertThat(shown.get(0).inFrontOfTheUser()).as("the outcome was shown in front of the user: " + shown.get(0)).isTrue();
            Exchange order = checkout.ordersSent().get(0);
            boolean placed = story.answer() == Answer.CONFIRMED && order.isCompleted();
            assertThat(shown.get(0).kind()).as("what was shown, when the order was " + (placed ? "" : "not ") + "placed")
                    .isEqualTo(placed ? Shown.Kind.SCREEN : Shown.Kind.ERROR);
        });
    }

    @Provide
    Arbitrary<Story> stories() {
        return Combinators.combine(
                Arbitraries.of(Answer.class),
                Arbitraries.integers().between(0, 60),
                Arbitraries.integers().between(0, 90).set().ofMaxSize(6).map(times -> times.stream().sorted().toList()),
                Arbitraries.integers().between(0, 3).list().ofMaxSize(8)
        ).as(Story::new);
    }
}
