package dev.asynckatas.backgroundtask;

import static dev.asynckatas.backgroundtask.Checkout.confirmedAfter;
import static dev.asynckatas.backgroundtask.Checkout.seconds;
import static dev.asynckatas.kit.assertions.PlatformAssertions.assertEveryBackgroundTaskEndedOnce;
import static dev.asynckatas.kit.assertions.PlatformAssertions.assertNoMainThreadViolations;
import static dev.asynckatas.kit.assertions.PlatformAssertions.assertNotKilled;
import static org.assertj.core.api.Assertions.assertThat;

import dev.asynckatas.kit.SimPlatform;
import dev.asynckatas.kit.app.BackgroundTaskRecord;
import dev.asynckatas.kit.app.SimNavigator.Shown;
import dev.asynckatas.kit.http.Exchange;
import dev.asynckatas.kit.http.Reply;
import dev.asynckatas.kit.junit.CatchesBug;
import dev.asynckatas.kit.junit.SimulationTest;
import dev.asynckatas.kit.sim.Exhaustive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Kata 01 when the customer does not simply leave once and come back once: they come back while the order is on
 * its way and leave again, or the answer and the end of the background time meet. What counts is checked at the end
 * of the story: when the app was kept running, when its background tasks ended, and what the customer saw.
 */
@SimulationTest
class ComingAndGoingTest {

    @Test
    @DisplayName("leaves at 1 s, back at 2 s, leaves again at 3 s, order placed at 5 s while away, back at 10 s: kept running"
            + " until 5 s, no task open after it, next screen once at 10 s, and not again on the next return")
    @CatchesBug(Bugs.NAVIGATES_IN_THE_BACKGROUND)
    void leavesComesBackAndLeavesAgainBeforeTheAnswer(SimPlatform platform) {
        Checkout checkout = new Checkout(platform).shopAnswers(confirmedAfter(seconds(5)));

        checkout.tapPlaceOrder();
        checkout.leaveAt(1);
        checkout.comeBackAt(2);
        checkout.leaveAt(3);
        checkout.at(10);

        assertThat(checkout.navigator.shown()).as("what was shown from 3 s, while the user was away the second time"
                + " (the app is in the background: keep the outcome for the return)").isEmpty();
        assertNotKilled(checkout.app);
        assertThat(checkout.ordersSent()).singleElement().as("the order, at the shop").matches(Exchange::isCompleted, "completed");
        checkout.assertKeptRunningWhileAway(1, 2);
        checkout.assertKeptRunningWhileAway(3, 5);
        checkout.assertNoTaskOpenAfter(5);

        checkout.comeBackAt(10);
        checkout.sim.runUntilIdle();

        assertThat(checkout.navigator.shown()).as("what the user sees on coming back at 10 s").singleElement().satisfies(shown -> {
            assertThat(shown.what()).isEqualTo(OrderConfirmation.SCREEN);
            assertThat(shown.at()).as("when the next screen was shown").isEqualTo(seconds(10));
            assertThat(shown.inFrontOfTheUser()).as("shown in front of the user: " + shown).isTrue();
        });

        checkout.leaveAt(12);
        checkout.comeBackAt(14);
        checkout.sim.runUntilIdle();

        assertThat(checkout.navigator.shown()).extracting(Shown::what)
                .as("what was shown after leaving again at 12 s and coming back at 14 s: the outcome is shown once")
                .containsExactly(OrderConfirmation.SCREEN);
        assertEveryBackgroundTaskEndedOnce(checkout.sim, checkout.app);
        assertNoMainThreadViolations(checkout.sim);
    }

    @Test
    @DisplayName("leaves at 1 s, back at 5 s, leaves again at 8 s, the shop never answers: the time runs out at 38 s"
            + " (30 s after the last leave), the order is aborted then, the task ended in the handler, error once on return")
    @CatchesBug(Bugs.EXPIRATION_ONLY_RESETS_THE_ID)
    void theBackgroundTimeCountsFromTheLastLeave(SimPlatform platform) {
        Checkout checkout = new Checkout(platform).shopAnswers(Reply.never());

        checkout.tapPlaceOrder();
        checkout.leaveAt(1);
        checkout.comeBackAt(5);
        checkout.leaveAt(8);
        checkout.at(37);

        Exchange order = checkout.ordersSent().get(0);
        assertThat(order.isInFlight()).as("the order at 37 s, before the background time runs out: " + order
                + " (the allowance begins anew each time the user leaves: give up only when iOS says so)").isTrue();
        assertThat(checkout.app.openBackgroundTasks()).as("background tasks open at 37 s, while the order is on its way")
                .isNotEmpty();

        checkout.at(50);

        assertNotKilled(checkout.app);
        assertThat(order.state()).as("the order request after the background time ran out at 38 s: the shop should see it"
                + " aborted").isEqualTo(Exchange.State.ABORTED);
        assertThat(order.endedAt()).as("when the shop saw the request aborted").contains(seconds(38));
        assertThat(checkout.app.backgroundTasks()).as("background tasks open when the time ran out").filteredOn(
                BackgroundTaskRecord::expirationHandlerCalled).allSatisfy(task -> assertThat(task.endedInsideExpirationHandler())
                .as(task + ": ended inside its expiration handler").isTrue());
        assertEveryBackgroundTaskEndedOnce(checkout.sim, checkout.app);

        checkout.comeBackAt(50);
        checkout.sim.runUntilIdle();

        assertThat(checkout.navigator.screens()).as("screens shown for an order that was cut off").isEmpty();
        assertThat(checkout.navigator.errors()).as("errors shown on coming back at 50 s").singleElement()
                .satisfies(error -> assertThat(error.inFrontOfTheUser()).as("shown in front of the user: " + error).isTrue());
        assertNoMainThreadViolations(checkout.sim);
    }

    @Test
    @DisplayName("the shop answers in the very instant the background time runs out, in every order the threads can run:"
            + " the user sees what the shop did (a placed order is never reported as interrupted)")
    @CatchesBug(Bugs.EXPIRATION_ONLY_RESETS_THE_ID)
    void theAnswerAndTheEndOfTheBackgroundTimeInTheSameInstant() {
        int schedules = Exhaustive.explore(6, sim -> {
            Checkout checkout = new Checkout(SimPlatform.on(sim)).shopAnswers(confirmedAfter(seconds(31)));

            checkout.tapPlaceOrder();
            checkout.leaveAt(1);
            checkout.at(40);

            assertNotKilled(checkout.app);
            assertEveryBackgroundTaskEndedOnce(sim, checkout.app);

            checkout.comeBackAt(40);
            sim.runUntilIdle();

            Exchange order = checkout.ordersSent().get(0);
            assertThat(checkout.navigator.shown()).as("what the user sees on coming back at 40 s").hasSize(1);
            Shown shown = checkout.navigator.shown().get(0);
            if (order.isCompleted()) {
                assertThat(shown.kind()).as("what was shown when the shop had placed the order at 31 s, in the instant the"
                        + " background time ran out (the answer was already there: an error would make the user order"
                        + " twice): " + shown).isEqualTo(Shown.Kind.SCREEN);
            } else {
                assertThat(shown.kind()).as("what was shown when the order was aborted at 31 s: " + shown)
                        .isEqualTo(Shown.Kind.ERROR);
            }
            assertNoMainThreadViolations(sim);
        });
        assertThat(schedules).as("schedules explored").isGreaterThan(1);
    }
}
