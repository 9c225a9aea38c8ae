package dev.asynckatas.timeouts;

import static dev.asynckatas.timeouts.SignUpStory.assertGivenUpAt;
import static dev.asynckatas.timeouts.SignUpStory.at;
import static dev.asynckatas.timeouts.SignUpStory.available;
import static dev.asynckatas.timeouts.SignUpStory.seconds;
import static dev.asynckatas.timeouts.SignUpStory.taken;
import static dev.asynckatas.timeouts.StatusText.CHECKING;
import static dev.asynckatas.timeouts.StatusText.NO_CONNECTION;
import static dev.asynckatas.timeouts.StatusText.TIMED_OUT;
import static dev.asynckatas.timeouts.StatusText.UNREADABLE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.asynckatas.kit.SimPlatform;
import dev.asynckatas.kit.http.Exchange;
import dev.asynckatas.kit.http.Reply;
import dev.asynckatas.kit.junit.CatchesBug;
import dev.asynckatas.kit.junit.SimulationTest;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kata 05, the story step by step in virtual time: the user taps "Check", the accounts server takes its time (or never
 * answers, or fails), and the label says what the user needs to know, from the main thread, which is never blocked.
 * The screen's timeout is 5 s; every time is seconds since the start.
 */
@SimulationTest
class SignUpScreenTest {

    @ParameterizedTest(name = "the server answers in 1 s, \"{0}\": \"Checking…\" at once, then the answer, on the main thread, never blocked")
    @MethodSource("quickAnswers")
    @DisplayName("the server answers in 1 s: \"Checking…\" at once, then the answer at 1 s, on the main thread, which is never blocked")
    @CatchesBug(Bugs.BLOCKS_MAIN)
    void aQuickAnswerIsShownWithoutBlockingTheMainThread(String answer, Reply reply, SimPlatform platform) {
        SignUpStory story = new SignUpStory(platform).answers("ada", reply).tapAt(0, "ada");

        story.runUntil(20);

        story.assertLabelShowed(at(0, CHECKING), at(1, answer));
        assertThat(story.exchangeFor("ada").isCompleted()).as("the exchange, as the server saw it").isTrue();
        story.assertMainNeverBlocked();
    }

    static Stream<Arguments> quickAnswers() {
        return Stream.of(Arguments.of("ada is available", available("ada", 1)), Arguments.of("ada is taken", taken("ada", 1)));
    }

    @Test
    @DisplayName("the server answers in 8 s: at 5 s exactly the label says the server did not answer in time, and nothing after")
    @CatchesBug(Bugs.NO_DEADLINE)
    void aSlowAnswerTimesOutAtFiveSeconds(SimPlatform platform) {
        SignUpStory story = new SignUpStory(platform).answers("ada", available("ada", 8)).tapAt(0, "ada");

        story.runUntil(20);

        story.assertLabelShowed(at(0, CHECKING), at(5, TIMED_OUT));
        story.assertMainNeverBlocked();
    }

    @Test
    @DisplayName("the server answers in 8 s: the app gives up on the exchange at 5 s, and the server sees it go (no orphan request)")
    @CatchesBug(Bugs.NO_DEADLINE)
    void aSlowAnswerIsAbortedAtFiveSeconds(SimPlatform platform) {
        SignUpStory story = new SignUpStory(platform).answers("ada", available("ada", 8)).tapAt(0, "ada");

        story.runUntil(20);

        assertGivenUpAt(story.exchangeFor("ada"), 5, "the check of ada, which the server would answer at 8 s");
        assertThat(story.label()).as("the label at the end").isEqualTo(TIMED_OUT);
    }

    @Test
    @DisplayName("headers at 1 s, then the body stalls: the check still gives up at 5 s, with the timeout message, and aborts the exchange")
    @CatchesBug(Bugs.NO_DEADLINE)
    void aStalledBodyTimesOutAtFiveSeconds(SimPlatform platform) {
        SignUpStory story = new SignUpStory(platform)
                .answers("ada", SignUpStory.answer("ada", true).after(seconds(1)).stallsAfter(10)).tapAt(0, "ada");

        story.runUntil(20);

        story.assertLabelShowed(at(0, CHECKING), at(5, TIMED_OUT));
        assertGivenUpAt(story.exchangeFor("ada"), 5, "the check of ada, whose body stalled after 10 bytes");
        story.assertMainNeverBlocked();
    }

    @Test
    @DisplayName("the server is unreachable (the connection never completes): the timeout message at 5 s, and the attempt is given up")
    @CatchesBug(Bugs.NO_DEADLINE)
    void anUnreachableServerTimesOutAtFiveSeconds(SimPlatform platform) {
        SignUpStory story = new SignUpStory(platform).answers("ada", Reply.unreachable()).tapAt(0, "ada");

        story.runUntil(80);

        story.assertLabelShowed(at(0, CHECKING), at(5, TIMED_OUT));
        assertGivenUpAt(story.exchangeFor("ada"), 5, "the connection attempt for ada");
        story.assertMainNeverBlocked();
    }

    @Test
    @DisplayName("the app's HttpClient has a 2 s connect timeout and the server is unreachable: at 2 s, the timeout message (HttpConnectTimeoutException is a timeout)")
    @CatchesBug(Bugs.NO_DEADLINE)
    void aConnectTimeoutIsATimeout(SimPlatform platform) {
        SignUpStory story = new SignUpStory(platform, platform.network().client(Duration.ofSeconds(2)))
                .answers("ada", Reply.unreachable()).tapAt(0, "ada");

        story.runUntil(80);

        story.assertLabelShowed(at(0, CHECKING), at(2, TIMED_OUT));
        story.assertMainNeverBlocked();
    }

    @ParameterizedTest(name = "the connection fails ({0}): \"No connection\" as soon as it does, never the timeout message")
    @MethodSource("failedConnections")
    @DisplayName("the connection fails: \"No connection\" as soon as it does, never the timeout message, and nothing after")
    @CatchesBug(Bugs.SPINS_ON_MAIN)
    void aFailedConnectionShowsNoConnection(String what, Reply reply, double failsAt, SimPlatform platform) {
        SignUpStory story = new SignUpStory(platform).answers("ada", reply).tapAt(0, "ada");

        story.runUntil(20);

        story.assertLabelShowed(at(0, CHECKING), at(failsAt, NO_CONNECTION));
        story.assertMainNeverBlocked();
    }

    static Stream<Arguments> failedConnections() {
        return Stream.of(
                Arguments.of("connection refused at 0.2 s", Reply.connectionRefused().after(seconds(0.2)), 0.2),
                Arguments.of("connection reset at 1.5 s", Reply.connectionReset().after(seconds(1.5)), 1.5),
                Arguments.of("headers at 1 s, a piece of the body every second, the connection cut in the third at 4 s",
                        SignUpStory.answer("ada", true).after(seconds(1)).inChunks(4, seconds(1)).cutShortAfter(20), 4.0));
    }

    @ParameterizedTest(name = "the server answers {0}: the label says the answer could not be read, at 1 s")
    @MethodSource("unreadableAnswers")
    @DisplayName("the server answers something that is not an answer about the name: the label says so at 1 s, nothing is lost")
    @CatchesBug(Bugs.UNREADABLE_ANSWER_CRASHES)
    void anUnreadableAnswerSaysSo(String what, Reply reply, SimPlatform platform) {
        SignUpStory story = new SignUpStory(platform).answers("ada", reply).tapAt(0, "ada");

        story.runUntil(20);

        story.assertLabelShowed(at(0, CHECKING), at(1, UNREADABLE));
        story.assertMainNeverBlocked();
    }

    static Stream<Arguments> unreadableAnswers() {
        Duration oneSecond = Duration.ofSeconds(1);
        return Stream.of(
                Arguments.of("HTTP 500", Reply.status(500).body("Internal Server Error").after(oneSecond)),
                Arguments.of("HTTP 503 with a JSON body", Reply.status(503).json("{\"name\": \"ada\", \"available\": true}").after(oneSecond)),
                Arguments.of("an HTML page", Reply.ok("<html><body>Sign in to the Wi-Fi</body></html>").after(oneSecond)),
                Arguments.of("JSON about another name", SignUpStory.answer("bob", true).after(oneSecond)),
                Arguments.of("JSON without \"available\"", Reply.status(200).json("{\"name\": \"ada\"}").after(oneSecond)));
    }

    @Test
    @DisplayName("ada at 0 s (answer due at 3 s), bob at 1 s (1 s): ada's exchange is aborted at 1 s, nothing is shown for ada, bob's answer at 2 s")
    @CatchesBug(Bugs.CHECKS_QUEUE_UP)
    void aNewCheckReplacesThePreviousOne(SimPlatform platform) {
        SignUpStory story = new SignUpStory(platform).answers("ada", available("ada", 3)).answers("bob", taken("bob", 1))
                .tapAt(0, "ada").tapAt(1, "bob");

        story.runUntil(20);

        assertGivenUpAt(story.exchangeFor("ada"), 1, "the check of ada, when the user asked about bob instead");
        story.assertLabelShowed(at(0, CHECKING), at(1, CHECKING), at(2, "bob is taken"));
        story.assertMainNeverBlocked();
    }

    @Test
    @DisplayName("ada at 0 s never answers, bob at 4 s answers at 4.5 s: no timeout message at 5 s for ada, the cancelled check, nor later")
    @CatchesBug(Bugs.CHECKS_QUEUE_UP)
    void aReplacedCheckNeverShowsItsTimeout(SimPlatform platform) {
        SignUpStory story = new SignUpStory(platform).answers("ada", Reply.never()).answers("bob", available("bob", 0.5))
                .tapAt(0, "ada").tapAt(4, "bob");

        story.runUntil(80);

        story.assertLabelShowed(at(0, CHECKING), at(4, CHECKING), at(4.5, "bob is available"));
        assertGivenUpAt(story.exchangeFor("ada"), 4, "the check of ada, when the user asked about bob instead");
        story.assertMainNeverBlocked();
    }

    @Test
    @DisplayName("ada fails at 0.5 s, bob is tapped at 1 s and never answers: only bob's own timeout, at 6 s; no error for ada after bob's tap")
    @CatchesBug(Bugs.CHECKS_QUEUE_UP)
    void eachCheckHasItsOwnDeadline(SimPlatform platform) {
        SignUpStory story = new SignUpStory(platform).answers("ada", Reply.connectionRefused().after(seconds(0.5)))
                .answers("bob", Reply.never()).tapAt(0, "ada").tapAt(1, "bob");

        story.runUntil(80);

        story.assertLabelShowed(at(0, CHECKING), at(0.5, NO_CONNECTION), at(1, CHECKING), at(6, TIMED_OUT));
        assertGivenUpAt(story.exchangeFor("bob"), 6, "the check of bob");
        story.assertMainNeverBlocked();
    }

    @Test
    @DisplayName("a check after each outcome works: ada times out (5 s), bob fails (6.2 s), cy is free (7.5 s), dee is taken (9 s); no leftover timer fires")
    @CatchesBug(Bugs.NO_DEADLINE)
    void aNewCheckAfterEachOutcomeWorks(SimPlatform platform) {
        SignUpStory story = new SignUpStory(platform)
                .answers("ada", available("ada", 8))
                .answers("bob", Reply.connectionRefused().after(seconds(0.2)))
                .answers("cy", available("cy", 0.5))
                .answers("dee", taken("dee", 1))
                .tapAt(0, "ada").tapAt(6, "bob").tapAt(7, "cy").tapAt(8, "dee");

        story.runUntil(80);

        story.assertLabelShowed(at(0, CHECKING), at(5, TIMED_OUT), at(6, CHECKING), at(6.2, NO_CONNECTION),
                at(7, CHECKING), at(7.5, "cy is available"), at(8, CHECKING), at(9, "dee is taken"));
        assertThat(story.network.exchanges()).as("the exchanges, one per check").hasSize(4);
        story.assertMainNeverBlocked();
    }

    @Test
    @DisplayName("tapping Check twice for the same name (1 s apart, answers in 2 s): one answer at the end, no error, never two requests at once")
    @CatchesBug(Bugs.BLOCKS_MAIN)
    void tappingTwiceForTheSameName(SimPlatform platform) {
        SignUpStory story = new SignUpStory(platform).answers("ada", available("ada", 2)).tapAt(0, "ada").tapAt(1, "ada");

        story.runUntil(20);

        List<SignUpStory.Shown> shown = story.shown();
        assertThat(story.label()).as("the label at the end (everything shown: " + shown + ")").isEqualTo("ada is available");
        assertThat(shown).extracting(SignUpStory.Shown::text).as("what the label showed").doesNotContain(TIMED_OUT, NO_CONNECTION, UNREADABLE);
        assertThat(shown.get(shown.size() - 1).at()).as("when the answer was shown: by 3 s, 2 s after the second tap")
                .isLessThanOrEqualTo(seconds(3));
        List<Exchange> asked = story.exchangesFor("ada");
        for (int i = 1; i < asked.size(); i++) {
            assertThat(asked.get(i - 1).endedAt().orElse(Duration.ofDays(1))).as("the end of a request about ada, compared with the start of the next"
                    + " one (" + asked + "): one check at a time").isLessThanOrEqualTo(asked.get(i).sentAt());
        }
        story.assertMainNeverBlocked();
    }
}
