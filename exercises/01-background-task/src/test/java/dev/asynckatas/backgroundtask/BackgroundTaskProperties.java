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
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Kata 01's invariants over many stories: random times at which the customer leaves and comes back, random
 * answers from the shop at random times, random interleavings of the threads. One property per invariant, each
 * naming its own bug. A failure shows the smallest story jqwik could find, with its timeline.
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

    /*
     * One story, five invariants: each property checks one of them and names its own bug, so a failure says exactly
     * what broke. The stories are the same for all five (same seed, same generator).
     */

    @Property(seed = "424242", tries = 100)
    @Label("any story: every background task is ended exactly once, and the app is never killed")
    @CatchesBug(Bugs.NEVER_ENDS_THE_TASK)
    void everyBackgroundTaskEndedOnce(@ForAll("stories") Story story) {
        play(story, played -> assertEveryBackgroundTaskEndedOnce(played.checkout().sim, played.checkout().app));
    }

    @Property(seed = "424242", tries = 100)
    @Label("any story: the outcome is shown from the main thread")
    @CatchesBug(Bugs.NAVIGATES_OFF_MAIN)
    void theOutcomeIsShownFromTheMainThread(@ForAll("stories") Story story) {
        play(story, played -> assertNoMainThreadViolations(played.checkout().sim));
    }

    @Property(seed = "424242", tries = 100)
    @Label("any story the app survives: the outcome is shown once, in front of the user, never while they are away")
    @CatchesBug(Bugs.NAVIGATES_IN_THE_BACKGROUND)
    void theOutcomeIsShownOnceInFrontOfTheUser(@ForAll("stories") Story story) {
        play(story, played -> {
            if (played.checkout().app.wasKilled()) {
                return; // the property of background tasks reports that
            }
            List<Shown> shown = played.checkout().navigator.shown();
            assertThat(shown).as("outcomes shown for one order (the next screen or an error, once)").hasSize(1);
            assertThat(shown.get(0).inFrontOfTheUser()).as("the outcome was shown in front of the user: " + shown.get(0)).isTrue();
        });
    }

    @Property(seed = "424242", tries = 100)
    @Label("any story: what is shown is what the shop did (the next screen if and only if the order was placed)")
    void theUserIsShownWhatTheShopDid(@ForAll("stories") Story story) {
        play(story, played -> {
            List<Shown> shown = played.checkout().navigator.shown();
            if (shown.size() != 1) {
                return; // the property of what is shown reports that
            }
            Exchange order = played.checkout().ordersSent().get(0);
            boolean placed = story.answer() == Answer.CONFIRMED && order.isCompleted();
            assertThat(shown.get(0).kind()).as("what was shown when the order was " + (placed ? "" : "not ") + "placed ("
                    + order + "): " + shown.get(0)).isEqualTo(placed ? Shown.Kind.SCREEN : Shown.Kind.ERROR);
        });
    }

    @Property(seed = "424242", tries = 100)
    @Label("any story: when the background time runs out, the order request is stopped then, not left running")
    @CatchesBug(Bugs.EXPIRATION_ONLY_RESETS_THE_ID)
    void theOrderIsStoppedWhenTheBackgroundTimeRunsOut(@ForAll("stories") Story story) {
        play(story, played -> assertThat(played.stillRunningWhenTimeRanOut())
                .as("order requests still running when the background time ran out (30 s after the user left): cancel the"
                        + " request in the expiration handler, with cancel(true)").isEmpty());
    }

    /** A story played to its end, and what was seen on the way. */
    record Played(Checkout checkout, List<String> stillRunningWhenTimeRanOut) {
    }

    /**
     * Plays the story (tap at 0 s; leaves and comes back at the story's times; back in front at 200 s; everything
     * run), then checks {@code invariant}, with the timeline attached on failure.
     */
    private static void play(Story story, Consumer<Played> invariant) {
        Simulation sim = Simulation.builder().strategy(ScheduleStrategy.scripted(story.schedule())).build();
        TimelineReport.attachOnFailure(sim, () -> {
            Checkout checkout = new Checkout(SimPlatform.on(sim)).shopAnswers(story.answer().after(Duration.ofSeconds(story.latency())));
            List<String> stillRunning = new ArrayList<>();
            checkout.tapPlaceOrder();
            Integer leftAt = null;
            for (int second : story.away()) {
                if (leftAt == null) {
                    checkout.leaveAt(second);
                    leftAt = second;
                } else {
                    checkTimeRanOut(checkout, leftAt, second, stillRunning);
                    checkout.comeBackAt(second);
                    leftAt = null;
                }
            }
            if (leftAt != null) {
                checkTimeRanOut(checkout, leftAt, END, stillRunning);
            }
            checkout.at(END);
            if (leftAt != null) {
                checkout.app.enterForeground();
            }
            sim.runUntilIdle();
            invariant.accept(new Played(checkout, stillRunning));
        });
    }

    /** The story's end: later than any answer, any return and any background time. */
    private static final int END = 200;

    /** If the user stays away 30 s or more, notes the order requests still running once the time has run out. */
    private static void checkTimeRanOut(Checkout checkout, int leftAt, int backAt, List<String> stillRunning) {
        int timeRunsOut = leftAt + (int) checkout.app.allowance().toSeconds();
        if (backAt >= timeRunsOut) {
            checkout.at(timeRunsOut);
            checkout.ordersSent().stream().filter(Exchange::isInFlight)
                    .forEach(order -> stillRunning.add(order + ", at " + timeRunsOut + " s"));
        }
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
