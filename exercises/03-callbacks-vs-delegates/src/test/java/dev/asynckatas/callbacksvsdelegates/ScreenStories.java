package dev.asynckatas.callbacksvsdelegates;

import static dev.asynckatas.callbacksvsdelegates.WeatherScene.LISBON;
import static dev.asynckatas.callbacksvsdelegates.WeatherScene.OSLO;
import static dev.asynckatas.callbacksvsdelegates.WeatherScene.SUNNY;
import static dev.asynckatas.callbacksvsdelegates.WeatherScene.cloudy;
import static dev.asynckatas.callbacksvsdelegates.WeatherScene.lines;
import static dev.asynckatas.callbacksvsdelegates.WeatherScene.seconds;
import static dev.asynckatas.callbacksvsdelegates.WeatherScene.sunny;
import static org.assertj.core.api.Assertions.assertThat;

import dev.asynckatas.callbacksvsdelegates.WeatherScene.Style;
import dev.asynckatas.kit.SimPlatform;
import dev.asynckatas.kit.http.Exchange;
import dev.asynckatas.kit.http.Reply;
import dev.asynckatas.kit.screen.ScreenEvent.Displayed;
import dev.asynckatas.kit.screen.ScreenHandle;
import dev.asynckatas.kit.sim.Exhaustive;
import dev.asynckatas.kit.timeline.SwimLanes;
import dev.asynckatas.platform.Screen;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The stories every screen must get right, whichever way it gets its weather: each test class tells them for one
 * style (and names the bug each catches in that style's broken version). Times are seconds since the start.
 */
final class ScreenStories {

    private ScreenStories() {
    }

    /** The user opens the screen and waits: "Loading…" at once, the weather when it comes, both on MAIN; one request. */
    static void userWaits(SimPlatform platform, Style style) {
        WeatherScene scene = new WeatherScene(platform).serves(LISBON, sunny(2));

        ScreenHandle<? extends Screen> screen = scene.open(style, LISBON);
        scene.at(3);

        assertShowed(lines(screen.displays()), "The user opened the " + style.what + " at 0 s and waited; the answer came at 2 s: Loading…"
                + " at once, then the weather, both on the main thread (shown: time, thread, what)",
                "0.000s MAIN loading", "2.000s MAIN '" + SUNNY + "'");
        assertThat(scene.requestsFor(LISBON)).as("requests for one opening").singleElement().matches(Exchange::isCompleted, "completed");
    }

    /** The server answers with {@code reply}: the screen shows one error, on MAIN, and never a forecast. */
    static void showsOneError(SimPlatform platform, Style style, Reply reply) {
        WeatherScene scene = new WeatherScene(platform).serves(LISBON, reply);

        ScreenHandle<? extends Screen> screen = scene.open(style, LISBON);
        scene.at(5);

        List<Displayed> shown = screen.displays();
        assertShowed(lines(shown), "The server answered the " + style.what + " with " + reply + ": Loading…, then one error,"
                + " both on the main thread (shown: time, thread, what)",
                "0.000s MAIN loading", "1.000s MAIN error");
        assertThat(shown.get(1).text()).as("the error the user reads").isNotBlank();
    }

    /** After an error, the user taps refresh and gets the weather. */
    static void refreshAfterAnError(SimPlatform platform, Style style) {
        WeatherScene scene = new WeatherScene(platform).serves(LISBON, Reply.status(503).after(seconds(1)), sunny(1));

        ScreenHandle<? extends Screen> screen = scene.open(style, LISBON);
        scene.at(2);
        WeatherScene.refresh(screen);
        scene.at(4);

        assertShowed(lines(screen.displays()), "what the " + style.what + " showed: an error, then after the refresh at 2 s the weather",
                "0.000s MAIN loading", "1.000s MAIN error", "2.000s MAIN loading", "3.000s MAIN '" + SUNNY + "'");
    }

    /** Closed at 1 s, the answer due at 3 s: the server sees the request aborted at 1 s. */
    static void closingAbortsTheRequest(SimPlatform platform, Style style) {
        WeatherScene scene = new WeatherScene(platform).serves(LISBON, sunny(3));

        ScreenHandle<? extends Screen> screen = scene.open(style, LISBON);
        scene.at(1);
        screen.close();
        scene.at(5);

        Exchange request = scene.requestsFor(LISBON).get(0);
        assertThat(request.state()).as("the request for Lisbon after the user closed the " + style.what + " at 1 s (the answer was due"
                + " at 3 s): the server should see it aborted, but it saw " + request).isEqualTo(Exchange.State.ABORTED);
        assertThat(request.endedAt()).as("when the server saw the abort").contains(seconds(1));
    }

    /** Closed at 1 s, the answer due at 3 s: nothing is shown after the close, not even an error about the cancel. */
    static void nothingShownAfterTheClose(SimPlatform platform, Style style) {
        WeatherScene scene = new WeatherScene(platform).serves(LISBON, sunny(3));

        ScreenHandle<? extends Screen> screen = scene.open(style, LISBON);
        scene.at(1);
        screen.close();
        scene.at(5);

        assertNothingShownWhileClosed(screen, "the " + style.what + " closed at 1 s, the answer due at 3 s");
    }

    /** Closed at 1 s, the answer due at 3 s: right after the close, nothing long-lived holds the screen any more. */
    static void notRetainedAfterTheClose(SimPlatform platform, Style style, String holder) {
        WeatherScene scene = new WeatherScene(platform).serves(LISBON, sunny(3));

        ScreenHandle<? extends Screen> screen = scene.open(style, LISBON);
        scene.at(1);
        screen.close();

        assertThat(screen.isRetained()).as("whether the " + style.what + ", closed at 1 s, is still in memory (the answer is due at"
                + " 3 s): it should be freed once closed, but " + holder).isFalse();
    }

    /**
     * The user opens the screen and closes it at the same instant, before anything else ran, in every order the
     * lanes can run: no request reaches the server, or it is aborted at once; nothing is shown after the close.
     */
    static void openAndCloseAtOnce(Style style) {
        Exhaustive.explore(4, sim -> {
            WeatherScene scene = new WeatherScene(SimPlatform.on(sim)).serves(LISBON, sunny(1));
            List<ScreenHandle<? extends Screen>> screen = new ArrayList<>();
            sim.main().execute("the user opens the " + style.what, () -> screen.add(scene.open(style, LISBON)));
            sim.main().execute("the user closes it at once", () -> screen.get(0).close());
            scene.at(3);

            assertEveryRequestEndedBy(scene.requestsFor(LISBON), Duration.ZERO,
                    "Requests of a " + style.what + " closed at the very instant it opened (sent before the close: aborted at once;"
                            + " after it: never sent)");
            assertNothingShownWhileClosed(screen.get(0), "the " + style.what + " closed as it opened");
        });
    }

    /**
     * The answer arrives at 1 s, the very instant the user closes the screen, in every order the lanes can run (the
     * answer first, the close first, and the hops to MAIN in between): nothing is shown after the close.
     */
    static void closeRacingTheAnswer(Style style) {
        int schedules = Exhaustive.explore(6, sim -> {
            WeatherScene scene = new WeatherScene(SimPlatform.on(sim)).serves(LISBON, sunny(1));
            ScreenHandle<? extends Screen> screen = scene.open(style, LISBON);
            sim.main().schedule(seconds(1), "the user closes the " + style.what + " as the answer arrives", screen::close);
            scene.at(3);

            assertNothingShownWhileClosed(screen, "the " + style.what + " closed at 1 s, the instant its answer arrived");
            assertEveryRequestEndedBy(scene.requestsFor(LISBON), seconds(1), "The request of the " + style.what + " closed at 1 s");
        });
        assertThat(schedules).as("schedules explored: only one means the answer never raced the close").isGreaterThan(1);
    }

    /** Refresh at 1 s; the first answer (due 3 s) is slower than the second (due 2 s): the newest is shown, the older never. */
    static void refreshTwiceNewestWins(SimPlatform platform, Style style) {
        WeatherScene scene = new WeatherScene(platform).serves(LISBON, cloudy(3), sunny(1));

        ScreenHandle<? extends Screen> screen = scene.open(style, LISBON);
        scene.at(1);
        WeatherScene.refresh(screen);
        scene.at(5);

        assertShowed(lines(screen.displays()), "what the " + style.what + " showed: the first request (cloudy, due at 3 s) was"
                + " overtaken by the refresh at 1 s (sunny, due at 2 s); the user waits for the newest answer only, and an older"
                + " one must never be shown over it",
                "0.000s MAIN loading", "1.000s MAIN loading",
                "2.000s MAIN '" + SUNNY + "'");
    }

    /**
     * The first answer arrives at 1 s, the instant the user taps refresh, and the second answers at once, in every
     * order the lanes can run: once the refresh showed Loading…, only the newest answer may be shown, and it is.
     */
    static void refreshRacingTheAnswer(Style style) {
        int schedules = Exhaustive.explore(8, sim -> {
            WeatherScene scene = new WeatherScene(SimPlatform.on(sim)).serves(LISBON, cloudy(1), sunny(0));
            ScreenHandle<? extends Screen> screen = scene.open(style, LISBON);
            sim.main().schedule(seconds(1), "the user taps refresh as the first answer arrives", () -> WeatherScene.refresh(screen));
            scene.at(3);

            List<Displayed> shown = screen.displays();
            List<String> afterRefresh = lines(shown.subList(lastLoading(shown) + 1, shown.size()));
            assertShowed(afterRefresh, "what the " + style.what + " showed after the refresh's Loading… (the first answer, cloudy,"
                    + " came at 1 s as the user tapped refresh; the second, sunny, right after): only the newest answer; everything"
                    + " shown: " + lines(shown),
                    "1.000s MAIN '" + SUNNY + "'");
        });
        assertThat(schedules).as("schedules explored: only one means the answer never raced the tap").isGreaterThan(1);
    }

    /** Two screens, Lisbon and Oslo, open side by side: each shows its own city, once. */
    static void twoScreensTwoCities(SimPlatform platform, Style style) {
        WeatherScene scene = new WeatherScene(platform).serves(LISBON, sunny(2))
                .serves(OSLO, WeatherScene.weather(OSLO, -3, "snow", 1));

        ScreenHandle<? extends Screen> lisbon = scene.open(style, LISBON);
        ScreenHandle<? extends Screen> oslo = scene.open(style, OSLO);
        scene.at(3);

        assertShowed(lines(lisbon.displays()), "what the Lisbon " + style.what + " showed, with an Oslo one open beside it",
                "0.000s MAIN loading", "2.000s MAIN '" + SUNNY + "'");
        assertShowed(lines(oslo.displays()), "what the Oslo " + style.what + " showed, with a Lisbon one open beside it",
                "0.000s MAIN loading", "1.000s MAIN 'Oslo: -3°C, snow'");
    }

    /**
     * A screen closed at 1 s; a second screen for another city opened at 2 s gets its answer at 3 s: the closed one
     * shows nothing, and nothing holds it.
     */
    static void aClosedScreenIgnoresLaterRequests(SimPlatform platform, Style style, String holder) {
        WeatherScene scene = new WeatherScene(platform).serves(LISBON, sunny(0.5)).serves(OSLO, WeatherScene.weather(OSLO, -3, "snow", 1));

        ScreenHandle<? extends Screen> lisbon = scene.open(style, LISBON);
        scene.at(1);
        lisbon.close();
        scene.at(2);
        ScreenHandle<? extends Screen> oslo = scene.open(style, OSLO);
        scene.at(4);

        assertNothingShownWhileClosed(lisbon, "the Lisbon " + style.what + ", closed at 1 s, while an Oslo one loaded at 2 s to 3 s");
        assertShowed(lines(oslo.displays()), "what the Oslo " + style.what + " showed",
                "2.000s MAIN loading",
                "3.000s MAIN 'Oslo: -3°C, snow'");
        assertThat(lisbon.isRetained()).as("whether the Lisbon " + style.what + ", closed at 1 s after its answer came, is still in"
                + " memory at 4 s: " + holder).isFalse();
    }

    /** Fails, in one line, unless {@code shown} is exactly {@code expected}. */
    static void assertShowed(List<String> shown, String what, String... expected) {
        if (!shown.equals(List.of(expected))) {
            throw new AssertionError(what + ". It should show " + List.of(expected) + ", but it showed " + shown);
        }
    }

    /** Fails, in one line, unless {@code screen} showed nothing after it was closed. */
    static void assertNothingShownWhileClosed(ScreenHandle<? extends Screen> screen, String what) {
        List<String> whileClosed = screen.displays().stream().filter(d -> !d.screenOpen()).map(WeatherScene::line).toList();
        assertThat(whileClosed).as(what + ": what it showed after the user closed it (" + screen.closedAt().map(SwimLanes::format)
                .orElse("never closed") + "), which nobody can see any more; everything it showed: " + lines(screen.displays())).isEmpty();
    }

    /** Fails, in one line, unless every request had ended (completed, failed, or aborted) by {@code by}. */
    static void assertEveryRequestEndedBy(List<Exchange> requests, Duration by, String what) {
        List<String> running = requests.stream().filter(r -> r.endedAt().map(end -> end.compareTo(by) > 0).orElse(true))
                .map(Exchange::toString).toList();
        assertThat(running).as(what + ": each should have ended by " + SwimLanes.format(by) + " (answered, or aborted when the"
                + " screen closed), but these ran on").isEmpty();
    }

    private static int lastLoading(List<Displayed> shown) {
        for (int i = shown.size() - 1; i >= 0; i--) {
            if (shown.get(i).kind() == Displayed.Kind.LOADING) {
                return i;
            }
        }
        return -1;
    }

    /** Every way the weather can fail to come, each at 1 s. */
    static List<Arguments> failures() {
        return List.of(
                Arguments.of(Named.of("HTTP 500", Reply.status(500).after(seconds(1)))),
                Arguments.of(Named.of("a connection reset", Reply.connectionReset().after(seconds(1)))),
                Arguments.of(Named.of("a body cut short", Reply.status(200).json(WeatherScene.json(LISBON, 21, "sunny"))
                        .cutShortAfter(20).after(seconds(1)))),
                Arguments.of(Named.of("an HTML page instead of JSON", Reply.status(200)
                        .body("<html><body>Bad gateway</body></html>").after(seconds(1)))),
                Arguments.of(Named.of("JSON without a temperature", Reply.status(200)
                        .json("{\"city\":\"Lisbon\",\"summary\":\"sunny\"}").after(seconds(1)))));
    }
}
