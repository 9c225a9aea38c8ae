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
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kata 01, the story step by step in virtual time: the customer places an order, leaves the app, comes back.
 * Every time is seconds since the start; the shop's workflow takes a few seconds.
 */
@SimulationTest
class BackgroundTaskTest {

    @Test
    @DisplayName("sends the order as a POST with the customer's token")
    void sendsTheOrderWithTheCustomersToken(SimPlatform platform) {
        Checkout checkout = new Checkout(platform).shopAnswers(confirmedAfter(seconds(3)));

        checkout.tapPlaceOrder();
        checkout.sim.runUntilIdle();

        assertThat(checkout.ordersSent()).as("orders the shop received").hasSize(1);
        Exchange order = checkout.ordersSent().get(0);
        assertThat(order.header("Authorization")).as("the Authorization header").contains("Bearer " + Checkout.TOKEN);
        assertThat(order.requestBody()).contains("espresso-beans-1kg");
    }

    @Test
    @DisplayName("in the foreground: ends the background task as soon as the order is placed")
    @CatchesBug(Bugs.NEVER_ENDS_THE_TASK)
    void endsTheBackgroundTaskWhenTheOrderIsPlaced(SimPlatform platform) {
        Checkout checkout = new Checkout(platform).shopAnswers(confirmedAfter(seconds(3)));

        checkout.tapPlaceOrder();
        checkout.at(5);

        assertThat(checkout.app.backgroundTasks()).as("background tasks begun for one order").hasSize(1);
        assertEveryBackgroundTaskEndedOnce(checkout.sim, checkout.app);
        BackgroundTaskRecord task = checkout.app.backgroundTasks().get(0);
        assertThat(task.endedAt()).as("when the background task was ended (the order was placed at 3 s)").contains(seconds(3));
    }

    @Test
    @DisplayName("in the foreground: shows the next screen once, from the main thread")
    @CatchesBug(Bugs.NAVIGATES_OFF_MAIN)
    void showsTheNextScreenFromTheMainThread(SimPlatform platform) {
        Checkout checkout = new Checkout(platform).shopAnswers(confirmedAfter(seconds(3)));

        checkout.tapPlaceOrder();
        checkout.at(5);

        assertNoMainThreadViolations(checkout.sim);
        assertThat(checkout.navigator.screens()).extracting(Shown::what).as("screens shown").containsExactly(OrderConfirmation.SCREEN);
    }

    @Test
    @DisplayName("leaves at 1 s, order placed at 3 s, back at 10 s: task ended at 3 s, next screen shown once at 10 s")
    @CatchesBug(Bugs.NAVIGATES_IN_THE_BACKGROUND)
    void showsTheNextScreenWhenTheUserComesBack(SimPlatform platform) {
        Checkout checkout = new Checkout(platform).shopAnswers(confirmedAfter(seconds(3)));

        checkout.tapPlaceOrder();
        checkout.at(1);
        checkout.app.enterBackground();
        checkout.at(10);

        assertThat(checkout.navigator.shown()).as("what was shown while the user was away (the app is in the background)").isEmpty();
        assertNotKilled(checkout.app);
        assertThat(checkout.ordersSent()).singleElement().as("the order, at the shop").matches(Exchange::isCompleted, "completed");

        checkout.app.enterForeground();
        checkout.sim.runUntilIdle();

        assertThat(checkout.navigator.shown()).as("what the user sees on coming back (inside willEnterForeground the app's"
                + " state still says BACKGROUND: it becomes ACTIVE only afterwards)").hasSize(1);
        Shown shown = checkout.navigator.shown().get(0);
        assertThat(shown.what()).isEqualTo(OrderConfirmation.SCREEN);
        assertThat(shown.at()).as("when the next screen was shown").isEqualTo(seconds(10));
        assertThat(shown.inFrontOfTheUser()).as("shown in front of the user: " + shown).isTrue();
        assertEveryBackgroundTaskEndedOnce(checkout.sim, checkout.app);
        assertThat(checkout.app.backgroundTasks().get(0).endedAt())
                .as("when the background task was ended: when the order was placed, not when time ran out").contains(seconds(3));
    }

    @Test
    @DisplayName("order slower than the background time: the expiration handler cancels it and ends the task, error shown on return")
    @CatchesBug(Bugs.EXPIRATION_ONLY_RESETS_THE_ID)
    void whenBackgroundTimeRunsOutTheRequestIsCancelledAndTheTaskEnded(SimPlatform platform) {
        Checkout checkout = new Checkout(platform).shopAnswers(confirmedAfter(seconds(60)));

        checkout.tapPlaceOrder();
        checkout.at(1);
        checkout.app.enterBackground();
        checkout.at(40);

        assertNotKilled(checkout.app);
        BackgroundTaskRecord task = checkout.app.backgroundTasks().get(0);
        assertThat(task.expirationHandlerCalled()).as("the expiration handler was called (1 s + 30 s)").isTrue();
        assertThat(task.endedInsideExpirationHandler())
                .as("the task was ended inside its expiration handler, before the handler returned").isTrue();
        Exchange order = checkout.ordersSent().get(0);
        assertThat(order.state()).as("the order request after the background time ran out: the shop should see it aborted")
                .isEqualTo(Exchange.State.ABORTED);
        assertThat(order.endedAt()).as("when the shop saw the request aborted").contains(seconds(31));

        checkout.app.enterForeground();
        checkout.sim.runUntilIdle();

        assertThat(checkout.navigator.screens()).as("screens shown for an order that was cut off").isEmpty();
        assertThat(checkout.navigator.errors()).as("errors shown on coming back (inside willEnterForeground the app's"
                + " state still says BACKGROUND: it becomes ACTIVE only afterwards)").hasSize(1);
        assertThat(checkout.navigator.errors().get(0).inFrontOfTheUser()).as("shown in front of the user: "
                + checkout.navigator.errors().get(0)).isTrue();
        assertEveryBackgroundTaskEndedOnce(checkout.sim, checkout.app);
        assertNoMainThreadViolations(checkout.sim);
    }

    /** The ways an order can fail: the shop says no, the connection drops, the answer is cut off. */
    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("HTTP 500", Reply.status(500).body("workflow failed").after(seconds(2))),
                Arguments.of("a connection reset", Reply.connectionReset().after(seconds(2))),
                Arguments.of("an answer cut short", Checkout.confirmedAfter(seconds(2)).cutShortAfter(10)));
    }

    @ParameterizedTest(name = "on {0}: task ended, error shown from the main thread, no next screen")
    @MethodSource("failures")
    @DisplayName("on an error (HTTP 500, a connection reset, an answer cut short): task ended, error shown from the main thread, no next screen")
    @CatchesBug(Bugs.ERRORS_LEAVE_THE_TASK_OPEN)
    void anErrorEndsTheTaskAndShowsAnError(String failure, Reply reply, SimPlatform platform) {
        Checkout checkout = new Checkout(platform).shopAnswers(reply);

        checkout.tapPlaceOrder();
        checkout.at(5);

        assertEveryBackgroundTaskEndedOnce(checkout.sim, checkout.app);
        assertNoMainThreadViolations(checkout.sim);
        assertThat(checkout.navigator.screens()).as("screens shown after " + failure).isEmpty();
        assertThat(checkout.navigator.errors()).as("errors shown after " + failure).hasSize(1);
    }

    @Test
    @DisplayName("leaves and comes back three times before the answer: one background task, one next screen")
    @CatchesBug(Bugs.NEVER_ENDS_THE_TASK)
    void leavingAndComingBackSeveralTimesShowsTheScreenOnce(SimPlatform platform) {
        Checkout checkout = new Checkout(platform).shopAnswers(confirmedAfter(seconds(20)));

        checkout.tapPlaceOrder();
        for (int visit = 0; visit < 3; visit++) {
            checkout.at(1 + 5 * visit);
            checkout.app.enterBackground();
            checkout.at(3 + 5 * visit);
            checkout.app.enterForeground();
        }
        checkout.at(25);
        checkout.app.enterBackground();
        checkout.at(26);
        checkout.app.enterForeground();
        checkout.sim.runUntilIdle();

        assertThat(checkout.app.backgroundTasks()).as("background tasks begun for one order").hasSize(1);
        assertEveryBackgroundTaskEndedOnce(checkout.sim, checkout.app);
        assertThat(checkout.navigator.screens()).extracting(Shown::what).as("screens shown").containsExactly(OrderConfirmation.SCREEN);
    }

    @Test
    @DisplayName("taps Place order twice: one order, one background task")
    @CatchesBug(Bugs.SECOND_TAP_LEAKS_A_TASK)
    void aSecondTapDoesNotPlaceASecondOrder(SimPlatform platform) {
        Checkout checkout = new Checkout(platform).shopAnswers(confirmedAfter(seconds(3)));

        checkout.tapPlaceOrder();
        checkout.at(0.5);
        checkout.tapPlaceOrder();
        checkout.at(5);

        assertThat(checkout.app.backgroundTasks()).as("background tasks begun for two quick taps (a second one overwrites"
                + " the stored id, and the first can never be ended)").hasSize(1);
        assertThat(checkout.ordersSent()).as("orders the shop received after two quick taps").hasSize(1);
        assertEveryBackgroundTaskEndedOnce(checkout.sim, checkout.app);
    }

    @Test
    @DisplayName("taps Place order and leaves at the same instant, in every order the threads can run: the order still goes through")
    @CatchesBug(Bugs.BEGINS_TOO_LATE)
    void beginsTheBackgroundTaskBeforeTheUserCanLeave() {
        int schedules = Exhaustive.explore(4, sim -> {
            Checkout checkout = new Checkout(SimPlatform.on(sim)).shopAnswers(confirmedAfter(seconds(3)));
            // Both happen at 0 s: the tap on the main thread, the user's leaving as soon as the system gets to it.
            sim.main().execute("the user taps Place order", () -> checkout.screen.placeOrder(Checkout.ORDER));
            sim.outsideLane("user").execute("the user presses Home", checkout.app::enterBackground);
            checkout.at(10);

            assertThat(checkout.ordersSent()).as("orders placed at the shop while the user was away: the app is suspended"
                    + " as soon as it is in the background with no background task, so the task must begin before the user"
                    + " can leave").singleElement().matches(Exchange::isCompleted, "completed");
        });
        assertThat(schedules).as("schedules explored").isGreaterThan(1);
    }

    @Test
    @DisplayName("a malformed answer is an error, not a confirmation")
    void aMalformedAnswerIsAnErrorNotAConfirmation(SimPlatform platform) {
        Checkout checkout = new Checkout(platform).shopAnswers(Reply.status(200).body("<html>gateway</html>").after(seconds(2)));

        checkout.tapPlaceOrder();
        checkout.sim.runUntilIdle();

        assertThat(checkout.navigator.screens()).as("screens shown after an unreadable answer").isEmpty();
        assertThat(checkout.navigator.errors()).as("errors shown after an unreadable answer").hasSize(1);
    }
}
