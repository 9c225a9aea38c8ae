package dev.asynckatas.timeouts;

import static dev.asynckatas.timeouts.SignUpStory.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.asynckatas.kit.SimPlatform;
import dev.asynckatas.kit.assertions.PlatformAssertions;
import dev.asynckatas.kit.http.Exchange;
import dev.asynckatas.kit.http.Reply;
import dev.asynckatas.kit.junit.CatchesBug;
import dev.asynckatas.kit.sim.ScheduleStrategy;
import dev.asynckatas.kit.sim.Simulation;
import dev.asynckatas.kit.sim.TimelineReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Kata 05's invariants over many stories: one to six checks of different names, tapped at random moments, each answered
 * by the server in its own way (quickly, slowly, with a body that stalls or dribbles, not at all, or with a failure),
 * with random interleavings where several things happen at the same instant. One property per invariant, so that a
 * failure names the rule it broke. A failure shows the smallest story jqwik could find, with its timeline.
 *
 * <p>Every latency ends in .x5 s and every tap falls on a whole tenth, so that nothing but a timeout can end at the very
 * instant of a tap (that race has its exhaustive test, {@link CheckRacesTest}).
 */
class SignUpProperties {

    /** How the server treats one check. */
    enum Kind {
        AVAILABLE, TAKEN, DRIBBLES, STALLS, NEVER_ANSWERS, UNREACHABLE, REFUSED, RESET, CUT_SHORT, SERVER_ERROR
    }

    /** One check: tapped {@code gapTenths} after the previous tap, answered in the way {@code kind} says. */
    record Check(int gapTenths, Kind kind, int latencyTenths, int chunks, int intervalTenths) {

        Duration latency() {
            return Duration.ofMillis(50 + latencyTenths * 100L);
        }

        Duration interval() {
            return Duration.ofMillis(intervalTenths * 100L);
        }

        Reply reply(String name) {
            return switch (kind) {
                case AVAILABLE -> SignUpStory.answer(name, true).after(latency());
                case TAKEN -> SignUpStory.answer(name, false).after(latency());
                case DRIBBLES -> SignUpStory.answer(name, true).after(latency()).inChunks(chunks, interval());
                case STALLS -> SignUpStory.answer(name, true).after(latency()).stallsAfter(5);
                case NEVER_ANSWERS -> Reply.never();
                case UNREACHABLE -> Reply.unreachable();
                case REFUSED -> Reply.connectionRefused().after(latency());
                case RESET -> Reply.connectionReset().after(latency());
                case CUT_SHORT -> SignUpStory.answer(name, true).after(latency()).inChunks(3, interval()).cutShortAfter(10);
                case SERVER_ERROR -> Reply.status(500).body("oops").after(latency());
            };
        }

        /** When the check would end on its own, after the tap (null: never). */
        Duration endsAfter() {
            return switch (kind) {
                case AVAILABLE, TAKEN, REFUSED, RESET, SERVER_ERROR -> latency();
                case DRIBBLES -> latency().plus(interval().multipliedBy(chunks));
                case CUT_SHORT -> latency().plus(interval()); // the first of 3 chunks (12 bytes or more) holds byte 10
                case STALLS, NEVER_ANSWERS, UNREACHABLE -> null;
            };
        }

        /** What the label must say when the check ends on its own in time. */
        String outcome(String name) {
            return switch (kind) {
                case AVAILABLE, DRIBBLES -> name + " is available";
                case TAKEN -> name + " is taken";
                case REFUSED, RESET, CUT_SHORT -> StatusText.NO_CONNECTION;
                case SERVER_ERROR -> StatusText.UNREADABLE;
                case STALLS, NEVER_ANSWERS, UNREACHABLE -> StatusText.TIMED_OUT;
            };
        }

        @Override
        public String toString() {
            return "+" + gapTenths / 10.0 + " s: " + kind + (kind == Kind.NEVER_ANSWERS || kind == Kind.UNREACHABLE ? ""
                    : " after " + latency().toMillis() / 1000.0 + " s") + (kind == Kind.DRIBBLES || kind == Kind.CUT_SHORT
                    ? " (" + (kind == Kind.DRIBBLES ? chunks : 3) + " chunks, one every " + intervalTenths / 10.0 + " s)" : "");
        }
    }

    /**
     * @param checks   the checks, in the order the user taps them (names u0, u1...)
     * @param schedule choices where several lanes are ready at once (0 = first come, first served)
     */
    record Story(List<Check> checks, List<Integer> schedule) {
    }

    /** What a story is expected to show: for each check, when it was tapped and when and how it ends. */
    private record Expected(String name, Duration tapped, Duration endsAt, String outcome) {
    }

    @Property(seed = "20260505", tries = 100)
    @Label("any story: the last check ends as its server says, \"Checking…\" then its outcome, at its time (5 s at most)")
    @CatchesBug(Bugs.NO_DEADLINE)
    void theLabelEndsWithTheLastChecksOutcome(@ForAll("stories") Story story) {
        play(story, (run, expected) -> {
            int last = expected.size() - 1;
            Expected check = expected.get(last);
            assertThat(run.shownDuringCheck(last)).as("what the label showed for the last check, " + check.name() + " (everything shown: "
                    + run.shown() + ")").containsExactly(at(secondsOf(check.tapped()), StatusText.CHECKING),
                    at(secondsOf(check.endsAt()), check.outcome()));
        });
    }

    @Property(seed = "20260506", tries = 100)
    @Label("any story: a check the user replaced shows nothing after the new \"Checking…\": no answer, no error, no timeout")
    @CatchesBug(Bugs.CHECKS_QUEUE_UP)
    void aReplacedCheckShowsNothingOnceReplaced(@ForAll("stories") Story story) {
        play(story, (run, expected) -> {
            for (int k = 0; k < expected.size() - 1; k++) {
                Expected check = expected.get(k);
                Duration next = expected.get(k + 1).tapped();
                List<SignUpStory.Shown> allowed = new ArrayList<>(List.of(at(secondsOf(check.tapped()), StatusText.CHECKING)));
                if (check.endsAt().compareTo(next) < 0) {
                    allowed.add(at(secondsOf(check.endsAt()), check.outcome()));
                }
                List<SignUpStory.Shown> shown = run.shownDuringCheck(k);
                if (check.endsAt().equals(next) && shown.size() == 2) {
                    allowed.add(at(secondsOf(check.endsAt()), check.outcome())); // it ended at the instant of the next tap, and won
                }
                assertThat(shown).as("what the label showed during the check of " + check.name() + ", tapped at "
                        + check.tapped().toMillis() / 1000.0 + " s and replaced at " + next.toMillis() / 1000.0
                        + " s (everything shown: " + run.shown() + ")").containsExactlyElementsOf(allowed);
            }
        });
    }

    @Property(seed = "20260507", tries = 100)
    @Label("any story: never two exchanges in flight at once; a check the user replaced is given up at that instant")
    @CatchesBug(Bugs.CHECKS_QUEUE_UP)
    void oneExchangeInFlightAtATime(@ForAll("stories") Story story) {
        play(story, (run, expected) -> {
            List<Exchange> exchanges = run.network.exchanges().stream().sorted(Comparator.comparing(Exchange::sentAt)).toList();
            for (int i = 1; i < exchanges.size(); i++) {
                Exchange previous = exchanges.get(i - 1);
                assertThat(previous.endedAt().orElse(Duration.ofDays(1))).as("when " + previous + " ended, compared with the"
                        + " next request, sent at " + exchanges.get(i).sentAt().toMillis() / 1000.0 + " s: the previous check must be"
                        + " given up (its exchange aborted) when the user asks again").isLessThanOrEqualTo(exchanges.get(i).sentAt());
            }
        });
    }

    @Property(seed = "20260508", tries = 100)
    @Label("any story: every exchange ends within 5 s of its request, whatever the server does")
    @CatchesBug(Bugs.NO_DEADLINE)
    void everyExchangeEndsWithinItsDeadline(@ForAll("stories") Story story) {
        play(story, (run, expected) -> {
            // At most one per check: a check replaced before its request went out may send none at all.
            assertThat(run.network.exchanges()).as("requests sent").hasSizeLessThanOrEqualTo(expected.size());
            for (Exchange exchange : run.network.exchanges()) {
                Duration deadline = exchange.sentAt().plus(SignUpStory.TIMEOUT);
                assertThat(exchange.endedAt()).as(exchange + ": it must end by " + deadline.toMillis() / 1000.0 + " s, 5 s after it"
                        + " was sent, even when the server never answers or the body stalls").isPresent();
                assertThat(exchange.endedAt().get()).as(exchange + ": when it ended").isLessThanOrEqualTo(deadline);
            }
        });
    }

    @Property(seed = "20260509", tries = 100)
    @Label("any story: the main thread is never blocked, and the label is only ever touched on it")
    @CatchesBug(Bugs.BLOCKS_MAIN)
    void theMainThreadIsNeverBlocked(@ForAll("stories") Story story) {
        play(story, (run, expected) -> {
            PlatformAssertions.assertMainThreadNeverHung(run.sim);
            PlatformAssertions.assertNoMainThreadViolations(run.sim);
            assertThat(run.shown()).as("what the label showed, each with whether on the main thread").allMatch(SignUpStory.Shown::onMain);
            assertThat(run.sim.uncaughtExceptions()).as("exceptions nobody caught").isEmpty();
        });
    }

    /** Plays {@code story} to its end (60 s after the last tap) and checks it; a failure carries the timeline. */
    private static void play(Story story, java.util.function.BiConsumer<SignUpStory, List<Expected>> check) {
        Simulation sim = Simulation.builder().strategy(ScheduleStrategy.scripted(story.schedule())).build();
        SignUpStory run = new SignUpStory(SimPlatform.on(sim));
        List<Expected> expected = new ArrayList<>();
        Duration tap = Duration.ZERO;
        for (int i = 0; i < story.checks().size(); i++) {
            Check c = story.checks().get(i);
            String name = "u" + i;
            tap = tap.plus(Duration.ofMillis(c.gapTenths() * 100L));
            Duration endsAfter = c.endsAfter();
            boolean inTime = endsAfter != null && endsAfter.compareTo(SignUpStory.TIMEOUT) < 0;
            expected.add(new Expected(name, tap, tap.plus(inTime ? endsAfter : SignUpStory.TIMEOUT),
                    inTime ? c.outcome(name) : StatusText.TIMED_OUT));
            run.answers(name, c.reply(name)).tapAt(tap.toMillis() / 1000.0, name);
        }
        double end = tap.toMillis() / 1000.0 + 60;
        TimelineReport.attachOnFailure(sim, () -> {
            run.runUntil(end);
            check.accept(run, expected);
        });
    }

    private static double secondsOf(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    @Provide
    Arbitrary<Story> stories() {
        Arbitrary<Check> check = Combinators.combine(
                Arbitraries.integers().between(0, 70),
                Arbitraries.of(Kind.class),
                Arbitraries.integers().between(0, 80),
                Arbitraries.integers().between(2, 6),
                Arbitraries.integers().between(1, 20)
        ).as(Check::new);
        return Combinators.combine(
                check.list().ofMinSize(1).ofMaxSize(6),
                Arbitraries.integers().between(0, 3).list().ofMaxSize(10)
        ).as(Story::new);
    }
}
