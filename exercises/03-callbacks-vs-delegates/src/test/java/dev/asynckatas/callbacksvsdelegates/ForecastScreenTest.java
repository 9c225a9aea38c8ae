package dev.asynckatas.callbacksvsdelegates;

import dev.asynckatas.callbacksvsdelegates.WeatherScene.Style;
import dev.asynckatas.kit.SimPlatform;
import dev.asynckatas.kit.http.Reply;
import dev.asynckatas.kit.junit.CatchesBug;
import dev.asynckatas.kit.junit.SimulationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kata 03, the forecast screen (a completion callback), in virtual time: the user opens it, waits, refreshes,
 * closes it before the answer comes. Times are seconds since the start.
 */
@SimulationTest
class ForecastScreenTest {

    static java.util.List<org.junit.jupiter.params.provider.Arguments> failures() {
        return ScreenStories.failures();
    }

    @Test
    @DisplayName("the user waits: Loading… at once, the forecast when it comes, both on the main thread; one request")
    void userWaits(SimPlatform platform) {
        ScreenStories.userWaits(platform, Style.FORECAST);
    }

    @ParameterizedTest(name = "the server answers with {0}: one error, on the main thread, never a forecast")
    @MethodSource("failures")
    void showsOneError(Reply reply, SimPlatform platform) {
        ScreenStories.showsOneError(platform, Style.FORECAST, reply);
    }

    @Test
    @DisplayName("after an error, a refresh shows the forecast")
    void refreshAfterAnError(SimPlatform platform) {
        ScreenStories.refreshAfterAnError(platform, Style.FORECAST);
    }

    @Test
    @DisplayName("closed at 1 s, the answer due at 3 s: the server sees the request aborted at 1 s")
    @CatchesBug(Bugs.FORECAST_NOT_CANCELLED)
    void closingAbortsTheRequest(SimPlatform platform) {
        ScreenStories.closingAbortsTheRequest(platform, Style.FORECAST);
    }

    @Test
    @DisplayName("closed at 1 s, the answer due at 3 s: nothing is shown on the closed screen")
    @CatchesBug(Bugs.FORECAST_SHOWN_AFTER_CLOSE)
    void nothingShownAfterTheClose(SimPlatform platform) {
        ScreenStories.nothingShownAfterTheClose(platform, Style.FORECAST);
    }

    @Test
    @DisplayName("closed at 1 s, the answer due at 3 s: the closed screen is not kept in memory")
    @CatchesBug(Bugs.FORECAST_RETAINED)
    void notRetainedAfterTheClose(SimPlatform platform) {
        ScreenStories.notRetainedAfterTheClose(platform, Style.FORECAST, "the app-wide service still holds the request's"
                + " completion callback, and the callback holds the screen (a closure that captures it), until the request ends:"
                + " cancel it");
    }

    @Test
    @DisplayName("opened and closed at the same instant, in every order: no request is sent, or it is aborted at once")
    @CatchesBug(Bugs.FORECAST_STARTS_AFTER_CLOSE)
    void openAndCloseAtOnce() {
        ScreenStories.openAndCloseAtOnce(Style.FORECAST);
    }

    @Test
    @DisplayName("closed the instant the answer arrives, in every order the threads can run: nothing is shown after the close")
    @CatchesBug(Bugs.FORECAST_SHOWN_AFTER_CLOSE)
    void closeRacingTheAnswer() {
        ScreenStories.closeRacingTheAnswer(Style.FORECAST);
    }

    @Test
    @DisplayName("refreshed at 1 s, the first answer slower than the second: only the newest is shown")
    @CatchesBug(Bugs.FORECAST_STALE)
    void refreshTwiceNewestWins(SimPlatform platform) {
        ScreenStories.refreshTwiceNewestWins(platform, Style.FORECAST);
    }

    @Test
    @DisplayName("refreshed the instant the first answer arrives, in every order the threads can run: only the newest is shown after the refresh")
    @CatchesBug(Bugs.FORECAST_STALE)
    void refreshRacingTheAnswer() {
        ScreenStories.refreshRacingTheAnswer(Style.FORECAST);
    }

    @Test
    @DisplayName("two forecast screens, Lisbon and Oslo, open side by side: each shows its own city")
    void twoScreensTwoCities(SimPlatform platform) {
        ScreenStories.twoScreensTwoCities(platform, Style.FORECAST);
    }
}
