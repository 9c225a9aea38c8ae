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
 * Kata 03, the weather panel (a delegate of the app-wide downloader), in virtual time: the user opens it, waits,
 * refreshes, closes it before the answer comes, opens another beside it. Times are seconds since the start.
 */
@SimulationTest
class WeatherPanelTest {

    static java.util.List<org.junit.jupiter.params.provider.Arguments> failures() {
        return ScreenStories.failures();
    }

    private static final String HOLDER = "the app-wide downloader still holds its listener, which is the panel: remove the"
            + " listener's registration when the panel closes";

    @Test
    @DisplayName("the user waits: Loading… at once, the weather when it comes, both on the main thread; one request")
    @CatchesBug(Bugs.PANEL_OFF_MAIN)
    void userWaits(SimPlatform platform) {
        ScreenStories.userWaits(platform, Style.PANEL);
    }

    @ParameterizedTest(name = "the server answers with {0}: one error, on the main thread, never the weather")
    @MethodSource("failures")
    @CatchesBug(Bugs.PANEL_OFF_MAIN)
    void showsOneError(Reply reply, SimPlatform platform) {
        ScreenStories.showsOneError(platform, Style.PANEL, reply);
    }

    @Test
    @DisplayName("after an error, a refresh shows the weather")
    @CatchesBug(Bugs.PANEL_OFF_MAIN)
    void refreshAfterAnError(SimPlatform platform) {
        ScreenStories.refreshAfterAnError(platform, Style.PANEL);
    }

    @Test
    @DisplayName("closed at 1 s, the answer due at 3 s: the server sees the download aborted at 1 s")
    @CatchesBug(Bugs.PANEL_NOT_CANCELLED)
    void closingAbortsTheRequest(SimPlatform platform) {
        ScreenStories.closingAbortsTheRequest(platform, Style.PANEL);
    }

    @Test
    @DisplayName("closed at 1 s, the answer due at 3 s: nothing is shown on the closed panel")
    @CatchesBug(Bugs.PANEL_SHOWN_AFTER_CLOSE)
    void nothingShownAfterTheClose(SimPlatform platform) {
        ScreenStories.nothingShownAfterTheClose(platform, Style.PANEL);
    }

    @Test
    @DisplayName("closed at 1 s, the answer due at 3 s: the app-wide downloader does not keep the closed panel in memory")
    @CatchesBug(Bugs.PANEL_RETAINED)
    void notRetainedAfterTheClose(SimPlatform platform) {
        ScreenStories.notRetainedAfterTheClose(platform, Style.PANEL, HOLDER);
    }

    @Test
    @DisplayName("opened and closed at the same instant, in every order: no download is sent, or it is aborted at once")
    @CatchesBug(Bugs.PANEL_NOT_CANCELLED)
    void openAndCloseAtOnce() {
        ScreenStories.openAndCloseAtOnce(Style.PANEL);
    }

    @Test
    @DisplayName("closed the instant the answer arrives, in every order the threads can run: nothing is shown after the close")
    @CatchesBug(Bugs.PANEL_SHOWN_AFTER_CLOSE)
    void closeRacingTheAnswer() {
        ScreenStories.closeRacingTheAnswer(Style.PANEL);
    }

    @Test
    @DisplayName("refreshed at 1 s, the first answer slower than the second: only the newest is shown")
    @CatchesBug(Bugs.PANEL_NOT_ITS_DOWNLOAD)
    void refreshTwiceNewestWins(SimPlatform platform) {
        ScreenStories.refreshTwiceNewestWins(platform, Style.PANEL);
    }

    @Test
    @DisplayName("refreshed the instant the first answer arrives, in every order the threads can run: only the newest is shown after the refresh")
    @CatchesBug(Bugs.PANEL_NOT_ITS_DOWNLOAD)
    void refreshRacingTheAnswer() {
        ScreenStories.refreshRacingTheAnswer(Style.PANEL);
    }

    @Test
    @DisplayName("two panels, Lisbon and Oslo, open side by side on the same downloader: each shows its own city")
    @CatchesBug(Bugs.PANEL_NOT_ITS_DOWNLOAD)
    void twoScreensTwoCities(SimPlatform platform) {
        ScreenStories.twoScreensTwoCities(platform, Style.PANEL);
    }

    @Test
    @DisplayName("a panel closed at 1 s; another opened at 2 s for Oslo: the closed one shows none of Oslo's answer, and is freed")
    @CatchesBug(Bugs.PANEL_SHOWN_AFTER_CLOSE)
    void aClosedPanelIgnoresLaterDownloads(SimPlatform platform) {
        ScreenStories.aClosedScreenIgnoresLaterRequests(platform, Style.PANEL, HOLDER);
    }
}
