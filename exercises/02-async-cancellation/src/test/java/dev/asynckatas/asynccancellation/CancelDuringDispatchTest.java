package dev.asynckatas.asynccancellation;

import dev.asynckatas.kit.junit.CatchesBug;
import dev.asynckatas.kit.races.RaceCheck;
import dev.asynckatas.kit.races.RaceFound;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The cancel against the dispatch, on real threads, in every order the model checker ({@link RaceCheck}) tries: the
 * executor's thread dispatches the request (or the album's three) while the user's thread cancels. The simulation runs
 * each task whole, so it never stops the executor between checking for a cancel and storing the handle; the checker
 * does, and tries the switches most likely to break things first.
 */
class CancelDuringDispatchTest {

    /**
     * One interleaving of each story before the tests, their verdicts left to the tests: the model checker attaches to
     * this JVM and prepares the classes the stories use, seconds of CPU once per JVM that on a loaded machine would take
     * the first test towards the grader's time limit.
     */
    @BeforeAll
    static void prepareTheModelChecker() {
        for (RaceCheck<?> story : List.of(aCallCancelledWhileItIsDispatched(), anAlbumCancelledWhileItIsDispatched())) {
            try {
                story.interleavings(1).check();
            } catch (RaceFound verdictLeftToTheTests) {
                // the test finds it again, and reports it
            }
        }
    }

    @Test
    @DisplayName("real threads, in the interleavings the model checker tries: a cancel racing the dispatch of one call stops its request")
    @CatchesBug(Bugs.CANCEL_BEFORE_DISPATCH_LOST)
    void aCancelRacingTheDispatchIsNeverLost() {
        // The catalogue's check-then-act window fails at the 15th interleaving; the budget keeps a margin for other ways of
        // writing it, at about 20 ms of CPU each (a correct bridge pays for every one).
        aCallCancelledWhileItIsDispatched().interleavings(40).check();
    }

    @Test
    @DisplayName("real threads, in the interleavings the model checker tries: an album of three cancelled while its dispatches run stops every request")
    @CatchesBug(Bugs.BATCH_CANCEL_IGNORED)
    void aBatchCancelRacingItsDispatchesIsNeverLost() {
        // The catalogue's two check-then-act windows fail at the 16th interleaving; the budget keeps a margin.
        anAlbumCancelledWhileItIsDispatched().interleavings(40).check();
    }

    private static RaceCheck<DispatchOnRealThreads<CompletableFuture<Response>>> aCallCancelledWhileItIsDispatched() {
        return RaceCheck.of(DispatchOnRealThreads::oneCall)
                .thread("user cancels", DispatchOnRealThreads::cancel)
                .thread("executor", DispatchOnRealThreads::runTheExecutor)
                .invariant("The call was cancelled, yet its request runs on: the cancel was lost. Either nothing looks for a"
                        + " cancel before dispatching, or the cancel landed between that look and the storing of the handle"
                        + " dispatch returns, and found no handle to stop.",
                        story -> story.client.running() == 0)
                .invariant("cancel(true) on a pending call must return true and leave it done and cancelled by the time it"
                        + " returns: the gallery looks at once.",
                        DispatchOnRealThreads::cancelledAtOnce);
    }

    private static RaceCheck<DispatchOnRealThreads<CompletableFuture<List<Response>>>> anAlbumCancelledWhileItIsDispatched() {
        return RaceCheck.of(DispatchOnRealThreads::album)
                .thread("executor", DispatchOnRealThreads::runTheExecutor)
                .thread("user cancels", DispatchOnRealThreads::cancel)
                .invariant("The album was cancelled, yet requests of it run on: the cancel was lost. Either the batch's cancel"
                        + " never reaches its requests, or it landed between a request's look for a cancel and the storing of"
                        + " its handle, and found no handle to stop.",
                        story -> story.client.running() == 0)
                .invariant("cancel(true) on a pending album must return true and leave it done and cancelled by the time it"
                        + " returns: the gallery looks at once.",
                        DispatchOnRealThreads::cancelledAtOnce);
    }
}
