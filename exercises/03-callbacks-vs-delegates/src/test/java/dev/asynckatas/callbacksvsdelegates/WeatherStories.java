package dev.asynckatas.callbacksvsdelegates;

import dev.asynckatas.callbacksvsdelegates.WeatherScene.Style;
import dev.asynckatas.kit.SimPlatform;
import dev.asynckatas.kit.http.Exchange;
import dev.asynckatas.kit.http.Reply;
import dev.asynckatas.kit.screen.ScreenEvent;
import dev.asynckatas.kit.screen.ScreenEvent.Displayed;
import dev.asynckatas.kit.screen.ScreenHandle;
import dev.asynckatas.kit.sim.ScheduleStrategy;
import dev.asynckatas.kit.sim.Simulation;
import dev.asynckatas.kit.sim.TimelineReport;
import dev.asynckatas.kit.timeline.SwimLanes;
import dev.asynckatas.platform.Screen;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random stories for the property tests: the user opens screens (at most two at once, each for a city of its own),
 * taps refresh and closes them, at random moments; the server answers each request with a random outcome after a
 * random latency, and racing lanes run in a random order. What happened is then checked against one invariant at a
 * time, each with its own sentence.
 */
final class WeatherStories {

    private WeatherStories() {
    }

    enum Act { OPEN, REFRESH, CLOSE }

    /** One thing the user does, {@code gapMs} after the previous one, to the open screen number {@code target} (modulo). */
    record Step(int gapMs, Act act, int target) {
        @Override
        public String toString() {
            return "+" + gapMs + "ms " + act + (act == Act.OPEN ? "" : "(" + target + ")");
        }
    }

    /** How the server answers one request. */
    enum Outcome {
        WEATHER, SERVER_ERROR, RESET, CUT_SHORT, NOT_JSON, SILENT;

        boolean failure() {
            return this != WEATHER && this != SILENT;
        }
    }

    /** The server's answer to one request (the first request gets the first answer, and so on, in turn). */
    record Answer(Outcome outcome, int latencyMs) {
        @Override
        public String toString() {
            return outcome + (outcome == Outcome.SILENT ? "" : " after " + latencyMs + "ms");
        }
    }

    record Story(List<Step> steps, List<Answer> answers, List<Integer> schedule) {
        Answer answerTo(int request) {
            return answers.get((request - 1) % answers.size());
        }
    }

    static Arbitrary<Story> stories() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.of(100, 200, 500, 1000, 1500),
                Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(2, Arbitraries.just(Act.OPEN)),
                        net.jqwik.api.Tuple.of(3, Arbitraries.just(Act.REFRESH)), net.jqwik.api.Tuple.of(2, Arbitraries.just(Act.CLOSE))),
                Arbitraries.integers().between(0, 1)).as(Step::new);
        Arbitrary<Answer> answer = Combinators.combine(
                Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, Arbitraries.just(Outcome.WEATHER)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.of(Outcome.SERVER_ERROR, Outcome.RESET, Outcome.CUT_SHORT,
                                Outcome.NOT_JSON, Outcome.SILENT))),
                Arbitraries.of(0, 100, 300, 700, 1000, 2000)).as(Answer::new);
        return Combinators.combine(
                step.list().ofMinSize(1).ofMaxSize(8).map(steps -> {
                    List<Step> withOpening = new ArrayList<>(steps);
                    withOpening.set(0, new Step(0, Act.OPEN, 0)); // the story starts with the user opening a screen
                    return List.copyOf(withOpening);
                }),
                answer.list().ofMinSize(1).ofMaxSize(6),
                Arbitraries.integers().between(0, 3).list().ofMaxSize(10)
        ).as(Story::new);
    }

    /** What happened when a story ran. */
    static final class Run {
        final Story story;
        final Style style;
        final Simulation sim;
        final WeatherScene scene;
        /** Screen name to its city. */
        final Map<String, String> cities = new LinkedHashMap<>();
        final List<ScreenEvent> history;
        final List<Exchange> requests;
        /** Closed screens still held by something once everything due at the instant of their close had run (if checked). */
        final List<String> retainedAfterClose = new ArrayList<>();
        private final boolean checkRetention;

        private Run(Story story, Style style, Simulation sim, WeatherScene scene, boolean checkRetention) {
            this.story = story;
            this.style = style;
            this.sim = sim;
            this.scene = scene;
            this.checkRetention = checkRetention;
            perform();
            this.history = scene.screens.history();
            this.requests = scene.network.exchanges();
        }

        private void perform() {
            scene.network.on("GET", "/weather").respond(request -> {
                int number = scene.network.exchanges().size() + 1; // the exchange this reply is for
                return reply(story.answerTo(number), WeatherScene.cityOf(request), number);
            });
            List<ScreenHandle<? extends Screen>> open = new ArrayList<>();
            List<Duration> instants = new ArrayList<>();
            Duration at = Duration.ZERO;
            for (Step step : story.steps()) {
                at = at.plusMillis(step.gapMs());
                instants.add(at);
                sim.main().schedule(at, step.toString(), () -> perform(step, open)); // racing whatever else is due then
            }
            for (Duration instant : instants) {
                sim.advanceTo(instant); // everything due until then, this step and all it caused at its instant included
                if (checkRetention) {
                    checkScreensClosedAt(instant);
                }
            }
            sim.runUntilIdle();
        }

        /** Right after the instant a screen was closed: whatever is still running must not hold it. */
        private void checkScreensClosedAt(Duration instant) {
            List<String> closedNow = scene.screens.history().stream().filter(ScreenEvent.Closed.class::isInstance)
                    .filter(e -> e.at().equals(instant)).map(ScreenEvent::screen).toList();
            if (!closedNow.isEmpty()) {
                scene.screens.retained().stream().filter(closedNow::contains)
                        .forEach(screen -> retainedAfterClose.add(screen + ", closed at " + at(instant) + ", is still in memory"
                                + " once everything due at that instant has run"));
            }
        }

        private void perform(Step step, List<ScreenHandle<? extends Screen>> open) {
            switch (step.act()) {
                case OPEN -> {
                    if (open.size() < 2) {
                        String city = "City " + (cities.size() + 1);
                        ScreenHandle<? extends Screen> screen = scene.open(style, city);
                        cities.put(screen.name(), city);
                        open.add(screen);
                    }
                }
                case REFRESH -> {
                    if (!open.isEmpty()) {
                        WeatherScene.refresh(open.get(step.target() % open.size()));
                    }
                }
                case CLOSE -> {
                    if (!open.isEmpty()) {
                        open.remove(step.target() % open.size()).close();
                    }
                }
            }
        }

        /** The weather of request {@code number}: recognisable, different for every request. */
        static String weatherOf(String city, int number) {
            return new Weather(city, number, "answer " + number).describe();
        }

        private static Reply reply(Answer answer, String city, int number) {
            Duration latency = Duration.ofMillis(answer.latencyMs());
            String json = WeatherScene.json(city, number, "answer " + number);
            return switch (answer.outcome()) {
                case WEATHER -> Reply.status(200).json(json).after(latency);
                case SERVER_ERROR -> Reply.status(500).after(latency);
                case RESET -> Reply.connectionReset().after(latency);
                case CUT_SHORT -> Reply.status(200).json(json).cutShortAfter(json.length() / 2).after(latency);
                case NOT_JSON -> Reply.status(200).body("<html>Service unavailable</html>").after(latency);
                case SILENT -> Reply.never();
            };
        }

        // ------------------------------------------------------------------ what the checks need

        List<String> screenNames() {
            return List.copyOf(cities.keySet());
        }

        /** The user's taps on {@code screen} that ask for the weather: the opening, then each refresh. */
        List<ScreenEvent> taps(String screen) {
            return history.stream().filter(e -> e.screen().equals(screen))
                    .filter(e -> e instanceof ScreenEvent.Opened || e instanceof ScreenEvent.Acted).toList();
        }

        /** The requests of {@code screen} (those for its city), in the order they were sent. */
        List<Exchange> requestsOf(String screen) {
            String city = cities.get(screen);
            return requests.stream().filter(r -> city.equals(WeatherScene.cityOf(r.uri()))).toList();
        }

        Optional<ScreenEvent.Closed> closing(String screen) {
            return history.stream().filter(e -> e.screen().equals(screen)).filter(ScreenEvent.Closed.class::isInstance)
                    .map(ScreenEvent.Closed.class::cast).findFirst();
        }

        List<Displayed> displays() {
            return history.stream().filter(Displayed.class::isInstance).map(Displayed.class::cast).toList();
        }

        Outcome outcomeOf(Exchange request) {
            return story.answerTo(request.id()).outcome();
        }

        /** The request whose weather {@code text} is, if any. */
        Optional<Exchange> requestShowing(String text) {
            return requests.stream().filter(r -> outcomeOf(r) == Outcome.WEATHER)
                    .filter(r -> text.equals(weatherOf(WeatherScene.cityOf(r.uri()), r.id()))).findFirst();
        }

        /** Fails with the violations, the story and its timeline, when there are any. */
        void assertNone(List<String> violations, String invariant) {
            if (violations.isEmpty()) {
                return;
            }
            AssertionError failure = new AssertionError(invariant + ": " + violations.stream().limit(3).collect(Collectors.joining("; "))
                    + (violations.size() > 3 ? "; and " + (violations.size() - 3) + " more" : "")
                    + "\n  The story: " + story.steps() + "; the server's answers, in turn: " + story.answers()
                    + "; schedule choices: " + story.schedule()
                    + "\n  What the screens showed: " + displays().stream().map(d -> d.screen() + " " + WeatherScene.line(d)).toList());
            failure.addSuppressed(new TimelineReport(sim.timeline().render()));
            throw failure;
        }
    }

    static Run run(Style style, Story story) {
        return run(style, story, false);
    }

    /** Runs the story; with {@code checkRetention}, asks after each close whether anything still holds the closed screen. */
    static Run run(Style style, Story story, boolean checkRetention) {
        Simulation sim = Simulation.builder().strategy(ScheduleStrategy.scripted(story.schedule())).build();
        return new Run(story, style, sim, new WeatherScene(SimPlatform.on(sim)), checkRetention);
    }

    static String at(Duration time) {
        return SwimLanes.format(time);
    }
}
