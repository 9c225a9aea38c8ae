package dev.asynckatas.timeouts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asynckatas.kit.SimPlatform;
import dev.asynckatas.kit.assertions.PlatformAssertions;
import dev.asynckatas.kit.http.Exchange;
import dev.asynckatas.kit.http.Reply;
import dev.asynckatas.kit.http.SimNetwork;
import dev.asynckatas.kit.sim.SimExecutorService;
import dev.asynckatas.kit.sim.Simulation;
import dev.asynckatas.kit.timeline.SwimLanes;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Kata 05's story on the simulated platform: the accounts server, the sign-up screen with its 5 s timeout, the user's
 * taps on "Check" (each one a task on the main thread, at a given time), and what the label showed, when, and from
 * which thread. Times are seconds since the start.
 *
 * <p>The taps are scheduled before anything runs, as a user's taps reach the app: a tap while the main thread is busy
 * waits its turn. So the story also runs code that blocks the main thread for a while, and tells what happened after.
 */
final class SignUpStory {

    static final URI SERVER = URI.create("https://accounts.test");
    /** The screen's timeout, as in the question. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** Something the label showed: when, what, and whether on the main thread. */
    record Shown(Duration at, String text, boolean onMain) {
        @Override
        public String toString() {
            return SwimLanes.format(at) + " \"" + text + "\"" + (onMain ? "" : " (off the main thread)");
        }
    }

    /** The user tapped "Check" for {@code name}; the tap ran on the main thread at {@code at}. */
    record Tap(Duration at, String name) {
        @Override
        public String toString() {
            return SwimLanes.format(at) + " the user taps Check for " + name;
        }
    }

    final SimPlatform platform;
    final Simulation sim;
    final SimNetwork network;
    final SimExecutorService background;
    final SignUpScreen screen;
    /** Taps and shows, in the order they happened. */
    private final List<Record> log = new ArrayList<>();
    private final Map<String, Reply> replies = new HashMap<>();

    SignUpStory(SimPlatform platform) {
        this(platform, platform.network().client());
    }

    /** A story whose app uses {@code client} (one with a connect timeout, say). */
    SignUpStory(SimPlatform platform, HttpClient client) {
        this.platform = platform;
        this.sim = platform.sim();
        this.network = platform.network();
        this.background = SimExecutorService.concurrent(sim, "global");
        UsernameStatus label = text -> {
            sim.checkMainThread("the label's show(\"" + text + "\")");
            log.add(new Shown(sim.now(), text, platform.main().isCurrent()));
        };
        this.screen = new SignUpScreen(new UsernameApi(client, SERVER), platform.main(), background, label, TIMEOUT);
        network.on("GET", "/users/available").respond(request -> replies.getOrDefault(nameAsked(request),
                Reply.status(404).body("no such story")));
    }

    // ---------------------------------------------------------------- the server

    /** What the server does when asked about {@code name} (each time it is asked). */
    SignUpStory answers(String name, Reply reply) {
        replies.put(name, reply);
        return this;
    }

    /** {@code {"name": name, "available": true}}, complete after {@code seconds}. */
    static Reply available(String name, double seconds) {
        return answer(name, true).after(seconds(seconds));
    }

    /** {@code {"name": name, "available": false}}, complete after {@code seconds}. */
    static Reply taken(String name, double seconds) {
        return answer(name, false).after(seconds(seconds));
    }

    /** The JSON answer about {@code name}, right away (add {@code after}, {@code inChunks}, {@code stallsAfter}...). */
    static Reply answer(String name, boolean available) {
        return Reply.status(200).json("{\"name\": " + json(name) + ", \"available\": " + available + "}");
    }

    /** The name a request asks about, decoded as the server reads it. */
    static String nameAsked(HttpRequest request) {
        String query = request.uri().getRawQuery();
        if (query == null || !query.startsWith("name=")) {
            return null;
        }
        return URLDecoder.decode(query.substring("name=".length()), StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- the user, and time

    /** The user taps "Check" for {@code name} at {@code seconds}: a task on the main thread, then. */
    SignUpStory tapAt(double seconds, String name) {
        Duration delay = seconds(seconds).minus(sim.now());
        sim.main().schedule(delay, "the user taps Check for " + name, () -> {
            log.add(new Tap(sim.now(), name));
            screen.checkUsername(name);
        });
        return this;
    }

    /** Runs everything due until {@code seconds} (or, if code blocked the main thread past it, as far as it went). */
    SignUpStory runUntil(double seconds) {
        if (sim.now().compareTo(seconds(seconds)) < 0) {
            sim.advanceTo(seconds(seconds));
        }
        return this;
    }

    // ---------------------------------------------------------------- what happened

    /** What the label showed, in order; the same text shown twice at the same instant counts once. */
    List<Shown> shown() {
        List<Shown> shown = new ArrayList<>();
        for (Record record : log) {
            if (record instanceof Shown s && !(!shown.isEmpty() && shown.get(shown.size() - 1).text().equals(s.text())
                    && shown.get(shown.size() - 1).at().equals(s.at()))) {
                shown.add(s);
            }
        }
        return shown;
    }

    /** The taps, in the order they ran. */
    List<Tap> taps() {
        return log.stream().filter(Tap.class::isInstance).map(Tap.class::cast).toList();
    }

    /**
     * What the label showed after the {@code index}-th tap ran, and before the next one: what the user saw of that check.
     * The same text shown twice at the same instant counts once.
     */
    List<Shown> shownDuringCheck(int index) {
        List<Shown> shown = new ArrayList<>();
        int tap = -1;
        for (Record record : log) {
            if (record instanceof Tap) {
                tap++;
            } else if (tap == index && record instanceof Shown s && !(!shown.isEmpty()
                    && shown.get(shown.size() - 1).text().equals(s.text()) && shown.get(shown.size() - 1).at().equals(s.at()))) {
                shown.add(s);
            }
        }
        return shown;
    }

    /** What the label shows now. */
    String label() {
        List<Shown> shown = shown();
        return shown.isEmpty() ? "" : shown.get(shown.size() - 1).text();
    }

    /** The requests that asked about {@code name}, in order. */
    List<Exchange> exchangesFor(String name) {
        return network.exchanges().stream().filter(e -> name.equals(nameAsked(e.uri()))).toList();
    }

    /** The one request that asked about {@code name}. */
    Exchange exchangeFor(String name) {
        List<Exchange> asked = exchangesFor(name);
        assertThat(asked).as("requests about \"" + name + "\" the server saw (" + network.exchanges() + ")").hasSize(1);
        return asked.get(0);
    }

    private static String nameAsked(URI uri) {
        String query = uri.getRawQuery();
        return query == null || !query.startsWith("name=") ? null
                : URLDecoder.decode(query.substring("name=".length()), StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- assertions, in the learner's terms

    /** The label showed exactly these texts, at these times, in this order. */
    void assertLabelShowed(Shown... expected) {
        assertThat(shown()).as("what the label showed, and when (user's taps: " + taps() + ")").containsExactly(expected);
    }

    /** {@code text} on the main thread at {@code seconds}: an expected entry for {@link #assertLabelShowed}. */
    static Shown at(double seconds, String text) {
        return new Shown(seconds(seconds), text, true);
    }

    /** The exchange ended at {@code seconds}, given up by the app (aborted or timed out), not completed. */
    static void assertGivenUpAt(Exchange exchange, double seconds, String what) {
        assertThat(exchange.endedAt()).as(what + ": when the exchange ended, as the server saw it (" + exchange + "); the app must"
                + " give up on it then, and close the connection, or the server goes on sending to an app that no longer listens")
                .contains(seconds(seconds));
        assertThat(exchange.state()).as(what + ": how the exchange ended (" + exchange + ")")
                .isIn(Exchange.State.ABORTED, Exchange.State.TIMED_OUT);
    }

    /** The main thread never froze, the label was only touched on it, and no task threw. */
    void assertMainNeverBlocked() {
        PlatformAssertions.assertMainThreadNeverHung(sim);
        PlatformAssertions.assertNoMainThreadViolations(sim);
        assertThat(sim.uncaughtExceptions()).as("exceptions nobody caught").isEmpty();
    }

    static Duration seconds(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    static String json(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }

    @Override
    public String toString() {
        return log.stream().map(Object::toString).collect(Collectors.joining("; "));
    }
}
