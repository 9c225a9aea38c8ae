package dev.asynckatas.callbacksvsdelegates;

import dev.asynckatas.kit.junit.CatchesBug;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The forecast screen on real threads, where the simulation cannot look: it runs each task whole, so a close on the
 * main thread never lands <em>inside</em> a task of another thread, nor a task inside the close. A model checker
 * (the kit's {@link dev.asynckatas.kit.races.RaceCheck}) runs two threads for real and tries, step by step, the orders
 * they can take: the user closing the screen on the main thread, and the thread on the other side of a hop, where a
 * screen may ask "is the screen still open?" and then act on the answer: the global queue that starts the request
 * (the asker's hop), or the service's queue that calls back with the answer. One window and one invariant per test,
 * so a failure names the one that broke, with the interleaving that broke it.
 *
 * <p>The checker assumes sequential consistency: it finds an order of steps that breaks the screen, not a missing
 * {@code volatile} (a stale value that the Java memory model would allow).
 */
class ForecastRaceTest {

    @Test
    @DisplayName("real threads, model-checked: the user closes the screen while its request is being started on another thread: the request is cancelled")
    @CatchesBug(Bugs.FORECAST_STARTS_AFTER_CLOSE)
    void aCloseWhileTheRequestStartsEndsIt() {
        ForecastRace.closeWhileTheRequestStarts()
                .invariant("The user closed the forecast screen, yet one of its requests was still running at the end: it"
                        + " downloads to the end for a screen nobody sees. A check made on another thread (\"is the screen"
                        + " still open?\") cannot stop a request started after it, nor one the close could not find yet.",
                        race -> race.settled().runningRequests() == 0)
                .check();
    }

    @Test
    @DisplayName("real threads, model-checked: the service's queue calls back with the answer while the user closes the screen: nothing is shown on the closed screen")
    @CatchesBug(Bugs.FORECAST_SHOWN_AFTER_CLOSE)
    void anAnswerDuringTheCloseIsNotShown() {
        ForecastRace.closeWhileTheAnswerArrives()
                .invariant("Something was shown on the forecast screen after the user closed it. An answer checked on"
                        + " another thread (\"is the screen still open?\") and then posted to main can arrive there after"
                        + " the close: ask on the main thread, in the task that shows it.",
                        race -> race.settled().shownOnTheClosedScreen().isEmpty())
                .check();
    }
}
