package dev.asynckatas.callbacksvsdelegates;

import dev.asynckatas.callbacksvsdelegates.WeatherScene.Style;
import dev.asynckatas.callbacksvsdelegates.WeatherStories.Run;
import dev.asynckatas.callbacksvsdelegates.WeatherStories.Story;
import dev.asynckatas.kit.junit.CatchesBug;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Kata 03's invariants for weather panels (delegates of the app-wide downloader), over random stories: screens opened, refreshed
 * and closed at random moments, random answers and latencies, racing lanes in a random order. One invariant per
 * property, so a failure names the one that broke; it shows the story and its timeline.
 */
class WeatherPanelProperties {

    @Provide
    Arbitrary<Story> stories() {
        return WeatherStories.stories();
    }

    @Property(seed = "20260313", tries = 100)
    @Label("weather panels, any story: every update of the view is on the main thread")
    @CatchesBug(Bugs.PANEL_OFF_MAIN)
    void everyDisplayOnMain(@ForAll("stories") Story story) {
        Run run = WeatherStories.run(Style.PANEL, story);
        run.assertNone(Invariants.everyDisplayOnMain(run), "The view was updated off the main thread");
    }

    @Property(seed = "20260314", tries = 100)
    @Label("weather panels, any story: nothing is shown on a closed screen")
    @CatchesBug(Bugs.PANEL_SHOWN_AFTER_CLOSE)
    void nothingShownOnAClosedScreen(@ForAll("stories") Story story) {
        Run run = WeatherStories.run(Style.PANEL, story);
        run.assertNone(Invariants.nothingShownOnAClosedScreen(run), "Something was shown on a closed screen");
    }

    @Property(seed = "20260315", tries = 100)
    @Label("weather panels, any story: an open screen shows only the answer to the user's latest tap, once")
    @CatchesBug(Bugs.PANEL_NOT_ITS_DOWNLOAD)
    void onlyTheLatestRequestIsShown(@ForAll("stories") Story story) {
        Run run = WeatherStories.run(Style.PANEL, story);
        run.assertNone(Invariants.onlyTheLatestRequestIsShown(run), "A screen showed an answer the user no longer waited for");
    }

    @Property(seed = "20260316", tries = 100)
    @Label("weather panels, any story: a screen still open shows the answer to the user's latest tap once it came")
    void theLatestAnswerIsShown(@ForAll("stories") Story story) {
        Run run = WeatherStories.run(Style.PANEL, story);
        run.assertNone(Invariants.theLatestAnswerIsShown(run), "A screen never showed the answer the user waited for");
    }

    @Property(seed = "20260317", tries = 100)
    @Label("weather panels, any story: by the instant a screen closes, each of its requests has ended (answered or aborted)")
    @CatchesBug(Bugs.PANEL_NOT_CANCELLED)
    void everyRequestOfAClosedScreenEnds(@ForAll("stories") Story story) {
        Run run = WeatherStories.run(Style.PANEL, story);
        run.assertNone(Invariants.everyRequestOfAClosedScreenEnds(run), "A closed screen's request ran on");
    }

    @Property(seed = "20260318", tries = 20)
    @Label("weather panels, any story: once the instant of its close has passed, nothing holds a closed screen")
    @CatchesBug(Bugs.PANEL_RETAINED)
    void noClosedScreenRetained(@ForAll("stories") Story story) {
        Run run = WeatherStories.run(Style.PANEL, story, true);
        run.assertNone(Invariants.noClosedScreenRetained(run), "A closed screen is still in memory");
    }
}
