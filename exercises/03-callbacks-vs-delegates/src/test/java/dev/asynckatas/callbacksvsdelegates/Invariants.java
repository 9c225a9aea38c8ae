package dev.asynckatas.callbacksvsdelegates;

import static dev.asynckatas.callbacksvsdelegates.WeatherStories.at;

import dev.asynckatas.callbacksvsdelegates.WeatherStories.Run;
import dev.asynckatas.kit.http.Exchange;
import dev.asynckatas.kit.screen.ScreenEvent;
import dev.asynckatas.kit.screen.ScreenEvent.Displayed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What must hold after any story, one invariant per method, each returning its violations in the user's terms.
 * Each tap (the opening, or a refresh) asks for the weather once: the k-th tap of a screen is answered by the k-th
 * request for its city (each screen has a city of its own, and taps are at different instants).
 */
final class Invariants {

    private Invariants() {
    }

    /** Every call of the view is on the main thread. */
    static List<String> everyDisplayOnMain(Run run) {
        return run.displays().stream().filter(d -> !d.onMain())
                .map(d -> d.screen() + " was updated on " + d.lane() + " at " + at(d.at()) + ", not on the main thread").toList();
    }

    /** Nothing is shown on a screen after the user closed it. */
    static List<String> nothingShownOnAClosedScreen(Run run) {
        return run.displays().stream().filter(d -> !d.screenOpen())
                .map(d -> d.screen() + " showed " + what(d) + " at " + at(d.at()) + ", after the user closed it at "
                        + at(run.closing(d.screen()).map(ScreenEvent::at).orElseThrow()))
                .toList();
    }

    /**
     * On an open screen, an answer is shown only if it answers the user's latest tap on it, and only once: never an
     * older request's (a refresh came since), never another screen's, never before that answer came.
     */
    static List<String> onlyTheLatestRequestIsShown(Run run) {
        List<String> violations = new ArrayList<>();
        for (String screen : run.screenNames()) {
            List<ScreenEvent> taps = run.taps(screen);
            List<Exchange> requests = run.requestsOf(screen);
            Set<Integer> answeredTaps = new HashSet<>();
            for (Displayed shown : run.displays()) {
                if (!shown.screen().equals(screen) || !shown.screenOpen() || shown.kind() == Displayed.Kind.LOADING) {
                    continue;
                }
                int tap = (int) taps.stream().filter(t -> t.seq() < shown.seq()).count() - 1;
                Duration tappedAt = taps.get(tap).at();
                if (tap >= requests.size()) {
                    violations.add(screen + " showed " + what(shown) + " at " + at(shown.at()) + ", but the user's latest tap on it (at "
                            + at(tappedAt) + ") had sent no request yet");
                    continue;
                }
                Exchange latest = requests.get(tap);
                if (shown.kind() == Displayed.Kind.CONTENT) {
                    Optional<Exchange> source = run.requestShowing(shown.text());
                    if (source.isEmpty() || source.get() != latest) {
                        violations.add(screen + " showed " + what(shown) + " at " + at(shown.at()) + ", the answer to "
                                + source.map(r -> "request #" + r.id() + " for " + WeatherScene.cityOf(r.uri())
                                        + (requests.contains(r) ? ", an older request" : ", another screen's request")).orElse("no request")
                                + "; the user's latest tap on it (at " + at(tappedAt) + ") waits for request #" + latest.id());
                        continue;
                    }
                } else if (!run.outcomeOf(latest).failure() || latest.endedAt().map(end -> end.compareTo(shown.at()) > 0).orElse(true)) {
                    violations.add(screen + " showed an error at " + at(shown.at()) + ", though the request for the user's latest tap (at "
                            + at(tappedAt) + "), #" + latest.id() + ", had not failed then (" + latest + "): an older or another"
                            + " screen's error");
                    continue;
                }
                if (!answeredTaps.add(tap)) {
                    violations.add(screen + " showed a second answer, " + what(shown) + " at " + at(shown.at()) + ", for the same tap (at "
                            + at(tappedAt) + ")");
                }
            }
        }
        return violations;
    }

    /** A screen still open at the end shows the answer to the user's latest tap, once it came (weather or error). */
    static List<String> theLatestAnswerIsShown(Run run) {
        List<String> violations = new ArrayList<>();
        for (String screen : run.screenNames()) {
            if (run.closing(screen).isPresent()) {
                continue;
            }
            List<ScreenEvent> taps = run.taps(screen);
            List<Exchange> requests = run.requestsOf(screen);
            ScreenEvent lastTap = taps.get(taps.size() - 1);
            if (requests.size() < taps.size()) {
                violations.add(screen + ": the user's tap at " + at(lastTap.at()) + " sent no request");
                continue;
            }
            Exchange latest = requests.get(taps.size() - 1);
            if (latest.isInFlight()) {
                continue; // the server never answers: the screen may well still say Loading…
            }
            if (latest.wasAborted()) {
                violations.add(screen + " is still open, but its latest request was cancelled: " + latest);
                continue;
            }
            boolean failed = run.outcomeOf(latest).failure();
            String expected = failed ? null : WeatherStories.Run.weatherOf(WeatherScene.cityOf(latest.uri()), latest.id());
            boolean shown = run.displays().stream().filter(d -> d.screen().equals(screen) && d.seq() > lastTap.seq())
                    .anyMatch(d -> failed ? d.kind() == Displayed.Kind.ERROR : d.kind() == Displayed.Kind.CONTENT && d.text().equals(expected));
            if (!shown) {
                violations.add(screen + " never showed " + (failed ? "an error" : "'" + expected + "'") + ", the answer to the user's"
                        + " latest tap (at " + at(lastTap.at()) + "): " + latest);
            }
        }
        return violations;
    }

    /** By the instant a screen is closed, each of its requests has ended (answered, or aborted), and none is sent later. */
    static List<String> everyRequestOfAClosedScreenEnds(Run run) {
        List<String> violations = new ArrayList<>();
        for (String screen : run.screenNames()) {
            Optional<ScreenEvent.Closed> closed = run.closing(screen);
            if (closed.isEmpty()) {
                continue;
            }
            Duration closedAt = closed.get().at();
            for (Exchange request : run.requestsOf(screen)) {
                if (request.sentAt().compareTo(closedAt) > 0) {
                    violations.add(screen + " sent " + request + " after the user closed it at " + at(closedAt));
                } else if (request.endedAt().map(end -> end.compareTo(closedAt) > 0).orElse(true)) {
                    violations.add(screen + " was closed at " + at(closedAt) + ", but its request ran on: " + request
                            + " (the server answered " + run.story.answerTo(request.id()) + ")");
                }
            }
        }
        return violations;
    }

    /**
     * Nothing long-lived holds a closed screen once the instant of its close has passed (checked then, and at the end):
     * no listener left registered, no request's callback still waiting.
     */
    static List<String> noClosedScreenRetained(Run run) {
        List<String> violations = new ArrayList<>(run.retainedAfterClose);
        run.scene.screens.retained().stream()
                .filter(screen -> violations.stream().noneMatch(v -> v.startsWith(screen + ",")))
                .map(screen -> screen + ", closed at " + at(run.closing(screen).map(ScreenEvent::at).orElseThrow())
                        + ", is still in memory when the story ends")
                .forEach(violations::add);
        return violations;
    }

    private static String what(Displayed shown) {
        return switch (shown.kind()) {
            case LOADING -> "Loading…";
            case CONTENT -> "'" + shown.text() + "'";
            case ERROR -> "an error ('" + shown.text() + "')";
        };
    }
}
