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
 * Kata 01's "Try again", after every way an order can fail. A retry is an order like the first: the customer may
 * leave the app the moment they tap it, so it needs the same protection.
 */
@SimulationTest
class TryAgainTest {

    @Test
    @DisplayName("after an error, Try again places the order again")
    void tryAgainAfterAnErrorPlacesTheOrderAgain(SimPlatform platform) {
        Checkout checkout = new Checkout(platform);
        platform.network().on("POST", "/orders").respondInTurn(Reply.status(503).after(seconds(1)), confirmedAfter(seconds(2)));

        checkout.tapPlaceOrder();
        checkout.at(2);
        assertThat(checkout.navigator.errors()).as("errors shown after HTTP 503").hasSize(1);

        checkout.navigator.tapTryAgain();
        checkout.sim.runUntilIdle();

        assertThat(checkout.ordersSent()).as("orders the shop received: the first, and the retry").hasSize(2);
        assertThat(checkout.navigator.screens()).extracting(Shown::what).as("screens shown after the retry succeeded")
                .containsExactly(OrderConfirmation.SCREEN);
    }

    /** The ways the shop can turn the first attempt down, quickly. */
    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("HTTP 503", Reply.status(503).body("busy").after(seconds(1))),
                Arguments.of("a connection reset", Reply.connectionReset().after(seconds(1))),
                Arguments.of("an unreadable answer", Reply.ok("<html>gateway</html>").after(seconds(1))));
    }

    @ParameterizedTest(name = "fails with {0} at 1 s; Try again and leave at once: the retry is placed while away,"
            + " next screen on return")
    @MethodSource("failures")
    @DisplayName("fails at 1 s (HTTP 503, a connection reset, an unreadable answer); at 2 s taps Try again and leaves at the"
            + " same instant, in every order the threads can run: the retry is placed while away, its task ended then,"
            + " next screen once on return")
    @CatchesBug(Bugs.ERRORS_LEAVE_THE_TASK_OPEN)
    void tryAgainAndLeaveAtOnceAfterAnError(String failure, Reply firstAnswer) {
        int schedules = Exhaustive.explore(4, sim -> {
            SimPlatform platform = SimPlatform.on(sim);
            Checkout checkout = new Checkout(platform);
            platform.network().on("POST", "/orders").respondInTurn(firstAnswer, confirmedAfter(seconds(3)));

            checkout.tapPlaceOrder();
            checkout.at(2);

            assertThat(checkout.app.openBackgroundTasks()).as("background tasks still open at 2 s, after " + failure
                    + " at 1 s ended the first attempt").isEmpty();
            assertThat(checkout.navigator.errors()).as("errors shown after " + failure).hasSize(1);

            // Both at 2 s: the tap on the main thread, the user's leaving as soon as the system gets to it.
            sim.outsideLane("user").execute("the user presses Home", checkout.app::enterBackground);
            checkout.navigator.tapTryAgain();
            checkout.at(10);

            assertNotKilled(checkout.app);
            assertThat(checkout.ordersSent()).as("orders the shop received: the first, and the retry").hasSize(2);
            Exchange retry = checkout.ordersSent().get(1);
            assertThat(retry.isCompleted()).as("the retry, placed at the shop while the user was away: " + retry).isTrue();
            checkout.assertKeptRunningWhileAway(2, 5);
            checkout.assertNoTaskOpenAfter(5);
            assertThat(checkout.navigator.screens()).as("screens shown while the user was away").isEmpty();

            checkout.comeBackAt(10);
            sim.runUntilIdle();

            assertThat(checkout.navigator.screens()).as("screens shown on coming back at 10 s").singleElement().satisfies(
                    shown -> assertThat(shown.inFrontOfTheUser()).as("shown in front of the user: " + shown).isTrue());
            assertThat(checkout.navigator.errors()).as("errors shown: only the first attempt's").hasSize(1);
            assertEveryBackgroundTaskEndedOnce(sim, checkout.app);
            assertNoMainThreadViolations(sim);
        });
        assertThat(schedules).as("schedules explored").isGreaterThan(1);
    }

    @Test
    @DisplayName("the background time ran out on the first attempt (error on return at 40 s); taps Try again and leaves at"
            + " the same instant, in every order the threads can run: the retry is placed while away, next screen on return")
    @CatchesBug(Bugs.EXPIRATION_ONLY_RESETS_THE_ID)
    void tryAgainAndLeaveAtOnceAfterTheBackgroundTimeRanOut() {
        int schedules = Exhaustive.explore(4, sim -> {
            SimPlatform platform = SimPlatform.on(sim);
            Checkout checkout = new Checkout(platform);
            platform.network().on("POST", "/orders").respondInTurn(confirmedAfter(seconds(60)), confirmedAfter(seconds(3)));

            checkout.tapPlaceOrder();
            checkout.leaveAt(1);
            checkout.comeBackAt(40);
            sim.runCurrent();

            assertNotKilled(checkout.app);
            assertThat(checkout.navigator.errors()).as("errors shown on coming back at 40 s, after the background time ran"
                    + " out at 31 s").hasSize(1);
            assertThat(checkout.app.openBackgroundTasks()).as("background tasks open at 40 s").isEmpty();

            // Both at 40 s: the tap on the main thread, the user's leaving as soon as the system gets to it.
            sim.outsideLane("user").execute("the user presses Home", checkout.app::enterBackground);
            checkout.navigator.tapTryAgain();
            checkout.at(50);

            assertNotKilled(checkout.app);
            assertThat(checkout.ordersSent()).as("orders the shop received: the first (aborted), and the retry").hasSize(2);
            Exchange retry = checkout.ordersSent().get(1);
            assertThat(retry.isCompleted()).as("the retry, placed at the shop while the user was away: " + retry).isTrue();
            checkout.assertKeptRunningWhileAway(40, 43);
            checkout.assertNoTaskOpenAfter(43);
            assertThat(checkout.app.backgroundTasks()).as("background tasks that reached their expiration handler: only"
                    + " the first attempt's").filteredOn(BackgroundTaskRecord::expirationHandlerCalled).hasSize(1);

            checkout.comeBackAt(50);
            sim.runUntilIdle();

            assertThat(checkout.navigator.screens()).as("screens shown on coming back at 50 s").singleElement().satisfies(
                    shown -> assertThat(shown.inFrontOfTheUser()).as("shown in front of the user: " + shown).isTrue());
            assertThat(checkout.navigator.errors()).as("errors shown: only the first attempt's").hasSize(1);
            assertEveryBackgroundTaskEndedOnce(sim, checkout.app);
            assertNoMainThreadViolations(sim);
        });
        assertThat(schedules).as("schedules explored").isGreaterThan(1);
    }
}
