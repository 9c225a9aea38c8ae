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
 * Kata 03's invariants for forecast screens (completion callbacks), over random stories: screens opened, refreshed
 * and closed at random moments, random answers and latencies, racing lanes in a random order. One invariant per
 * property, so a failure names the one that broke; it shows the story and its timeline.
 */
class ForecastScreenProperties {

    @Provide
    Arbitrary<Story> stories() {
        return WeatherStories.stories();
    }

    @Property(seed = "20260303", tries = 100)
    @Label("forecast screens, any story: every update of the view is on the main thread")
    void everyDisplayOnMain(@ForAll("stories") Story story) {
        Run run = WeatherStories.run(Style.FORECAST, story);
        run.assertNone(Invariants.everyDisplayOnMain(run), "The view was updated off the main thread");
    }

    @Property(seed = "20260304", tries = 100)
    @Label("forecast screens, any story: nothing is shown on a closed screen")
    @CatchesBug(Bugs.FORECAST_SHOWN_AFTER_CLOSE)
    void nothingShownOnAClosedScreen(@ForAll("stories") Story story) {
        Run run = WeatherStories.run(Style.FORECAST, story);
        run.assertNone(Invariants.nothingShownOnAClosedScreen(run), "Something was shown on a closed screen");
    }

    @Property(seed = "20260305", tries = 100)
    @Label("forecast screens, any story: an open screen shows only the answer to the user's latest tap, once")
    @CatchesBug(Bugs.FORECAST_STALE)
    void onlyTheLatestRequestIsShown(@ForAll("stories") Story story) {
        Run run = WeatherStories.run(Style.FORECAST, story);
        run.assertNone(Invariants.onlyTheLatestRequestIsShown(run), "A screen showed an answer the user no longer waited for");
    }

    @Property(seed = "20260306", tries = 100)
    @Label("forecast screens, any story: a screen still open shows the answer to the user's latest tap once it came")
    void theLatestAnswerIsShown(@ForAll("stories") Story story) {
        Run run = WeatherStories.run(Style.FORECAST, story);
        run.assertNone(Invariants.theLatestAnswerIsShown(run), "A screen never showed the answer the user waited for");
    }

    @Property(seed = "20260307", tries = 100)
    @Label("forecast screens, any story: by the instant a screen closes, each of its requests has ended (answered or aborted)")
    @CatchesBug(Bugs.FORECAST_NOT_CANCELLED)
    void everyRequestOfAClosedScreenEnds(@ForAll("stories") Story story) {
        Run run = WeatherStories.run(Style.FORECAST, story);
        run.assertNone(Invariants.everyRequestOfAClosedScreenEnds(run), "A closed screen's request ran on");
    }

    @Property(seed = "20260308", tries = 20)
    @Label("forecast screens, any story: once the instant of its close has passed, nothing holds a closed screen")
    @CatchesBug(Bugs.FORECAST_RETAINED)
    void noClosedScreenRetained(@ForAll("stories") Story story) {
        Run run = WeatherStories.run(Style.FORECAST, story, true);
        run.assertNone(Invariants.noClosedScreenRetained(run), "A closed screen is still in memory");
    }
}
