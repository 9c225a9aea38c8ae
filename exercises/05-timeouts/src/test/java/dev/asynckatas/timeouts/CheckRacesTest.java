package dev.asynckatas.timeouts;

import static dev.asynckatas.timeouts.SignUpStory.at;
import static dev.asynckatas.timeouts.SignUpStory.seconds;
import static dev.asynckatas.timeouts.StatusText.CHECKING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.asynckatas.kit.SimPlatform;
import dev.asynckatas.kit.http.Exchange;
import dev.asynckatas.kit.http.Reply;
import dev.asynckatas.kit.junit.CatchesBug;
import dev.asynckatas.kit.sim.Exhaustive;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kata 05's races, explored under every schedule: the user taps "Check" for bob at the very instant the check of ada
 * ends (its answer, its failure, its timeout). On real threads either may come first: the old outcome may already be
 * queued to the main thread, behind the tap, when the tap cancels a request that has just finished. Whatever the order,
 * once the label says "Checking…" for bob, nothing of ada may show.
 */
class CheckRacesTest {

    /** How the check of ada ends, at the very instant the user taps Check for bob. */
    enum AdaEnds {
        ANSWERED_AT_1_S(1, SignUpStory.available("ada", 1)),
        FAILED_AT_1_S(1, Reply.connectionReset().after(Duration.ofSeconds(1))),
        UNREADABLE_AT_1_S(1, Reply.status(500).after(Duration.ofSeconds(1))),
        TIMED_OUT_AT_5_S(5, Reply.never());

        final double bobTaps;
        final Reply reply;

        AdaEnds(double bobTaps, Reply reply) {
            this.bobTaps = bobTaps;
            this.reply = reply;
        }
    }

    @ParameterizedTest(name = "bob tapped as the check of ada ends ({0}), under every schedule: after \"Checking…\" for bob, only the answer about bob")
    @EnumSource(AdaEnds.class)
    @DisplayName("bob tapped at the instant ada's check ends, under every schedule: after bob's \"Checking…\" only bob's answer shows")
    @CatchesBug(Bugs.CHECKS_QUEUE_UP)
    void whatEndsAtTheInstantOfTheNewTapIsNoNews(AdaEnds ada) {
        int schedules = Exhaustive.explore(6, sim -> {
            SignUpStory story = new SignUpStory(SimPlatform.on(sim)).answers("ada", ada.reply)
                    .answers("bob", SignUpStory.taken("bob", 1)).tapAt(0, "ada").tapAt(ada.bobTaps, "bob");

            story.runUntil(60);

            assertThat(story.taps()).as("the taps").hasSize(2);
            assertThat(story.shownDuringCheck(1)).as("what the label showed once the user had asked about bob (everything shown: "
                    + story.shown() + "): ada's outcome, even one already on its way to the main thread, is no news any more")
                    .containsExactly(at(ada.bobTaps, CHECKING), at(ada.bobTaps + 1, "bob is taken"));
            Exchange adasCheck = story.exchangeFor("ada");
            assertThat(adasCheck.endedAt()).as("when ada's exchange ended (" + adasCheck + ")").isPresent();
            assertThat(adasCheck.endedAt().get()).as("when ada's exchange ended (" + adasCheck + ")").isLessThanOrEqualTo(seconds(ada.bobTaps));
            story.assertMainNeverBlocked();
        });
        if (ada != AdaEnds.TIMED_OUT_AT_5_S) {
            // At 1 s the tap and ada's exchange are both ready, whatever the code: at least both orders were explored.
            assertThat(schedules).as("schedules explored").isGreaterThan(1);
        }
    }
}
