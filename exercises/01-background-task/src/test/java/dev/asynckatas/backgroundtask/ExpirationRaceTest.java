package dev.asynckatas.backgroundtask;

import dev.asynckatas.kit.junit.CatchesBug;
import dev.asynckatas.kit.races.RaceCheck;
import dev.asynckatas.kit.races.RaceFound;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Kata 01 on real threads: the shop's answer arrives on the HTTP client's thread in the very moment the background time
 * runs out on main. The simulation runs each task whole, so it cannot stop a thread between two statements; the model
 * checker ({@link RaceCheck}) can, and tries the switches most likely to break things first. A fix that keeps every
 * field on main passes; so does one that guards the fields with a lock; a fix that reads and clears them on two threads
 * with nothing ordering them does not, nor one that asks whether the answer is in and cancels in two steps.
 */
class ExpirationRaceTest {

    /**
     * The catalogue's fixes with a window here fail by the 28th interleaving; the budget keeps a margin for other ways of
     * writing them, at about 20 ms of CPU each (a correct fix pays for every one).
     */
    private static final int INTERLEAVINGS = 50;

    /**
     * One interleaving of the same story before the test, its verdict left to the test: the model checker attaches to
     * this JVM and prepares the classes the story uses (the HTTP client's, the regular expressions'), seconds of CPU once
     * per JVM that on a loaded machine would take the test itself towards the grader's time limit.
     */
    @BeforeAll
    static void prepareTheModelChecker() {
        try {
            theAnswerAgainstTheExpiration().interleavings(1).check();
        } catch (RaceFound verdictLeftToTheTest) {
            // the test finds it again, and reports it
        }
    }

    @Test
    @DisplayName("real threads: the answer arrives on the HTTP client's thread while the expiration handler runs on main:"
            + " the task is ended once, the user sees one outcome, and it is what the shop did")
    @CatchesBug(Bugs.STORED_ID_RACES)
    void theAnswerAndTheExpirationHandlerOnTwoThreads() {
        theAnswerAgainstTheExpiration().interleavings(INTERLEAVINGS).check();
    }

    private static RaceCheck<CheckoutOnRealThreads> theAnswerAgainstTheExpiration() {
        return RaceCheck.of(CheckoutOnRealThreads::tappedAndLeft)
                .thread("main", CheckoutOnRealThreads::playMain)
                .thread("HTTP client", CheckoutOnRealThreads::playTheAnswer)
                .invariant("A background task was ended twice (or an id never begun was ended): the answer's thread and the"
                        + " expiration handler both found the task still stored before either cleared it. Either keep every"
                        + " field on main (hop the answer there), or read and clear them under one lock.",
                        checkout -> checkout.app.endedTwice() == 0)
                .invariant("The app was killed: the expiration handler returned with the background task still open (end it"
                        + " inside the handler, before it returns).",
                        checkout -> checkout.app.killedWithTaskOpen() == 0,
                        "the expiration handler returns with the background task still open: iOS kills the app")
                .invariant("A background task was never ended: once the order is placed (or given up) the task must end,"
                        + " or the app stays up for nothing until it is killed.",
                        checkout -> checkout.app.stillOpen() == 0, Bugs.NEVER_ENDS_THE_TASK)
                .invariant("The outcome was shown from a thread other than main: UI work belongs on the main thread.",
                        checkout -> !checkout.navigator.shownOffMain(), Bugs.NAVIGATES_OFF_MAIN)
                .invariant("The user, coming back, must see exactly one outcome, in front of them (the next screen or an"
                        + " error, once, not while they were away).",
                        checkout -> checkout.navigator.oneOutcomeInFront(),
                        "does not show exactly one outcome in front of the user: none, two, or one while they were away")
                .invariant("The user was told the order was interrupted although the shop's confirmation had reached the"
                        + " app, in the very moment the background time ran out: they would order twice.",
                        checkout -> !checkout.appHoldsTheConfirmation() || checkout.navigator.showedTheNextScreen(),
                        "reports the order as interrupted although the shop's confirmation had arrived: the answer can land"
                        + " between asking whether it is in and cancelling")
                .invariant("The user was shown the next screen although the order was aborted before the shop's answer"
                        + " reached the app.",
                        checkout -> checkout.appHoldsTheConfirmation() || !checkout.navigator.showedTheNextScreen(),
                        "shows the next screen for an order that was aborted before the shop's answer arrived");
    }
}
