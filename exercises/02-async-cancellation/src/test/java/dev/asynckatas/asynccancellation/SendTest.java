package dev.asynckatas.asynccancellation;

import static dev.asynckatas.asynccancellation.GalleryScene.imageAfter;
import static dev.asynckatas.asynccancellation.GalleryScene.imageBytes;
import static dev.asynckatas.asynccancellation.GalleryScene.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.asynckatas.kit.SimPlatform;
import dev.asynckatas.kit.assertions.FutureOutcome;
import dev.asynckatas.kit.http.Exchange;
import dev.asynckatas.kit.http.Reply;
import dev.asynckatas.kit.junit.CatchesBug;
import dev.asynckatas.kit.junit.SimulationTest;
import dev.asynckatas.kit.sim.Exhaustive;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Kata 02, one request at a time, in virtual time: the gallery asks for an image at 0 s and the user may
 * cancel before the request was dispatched, while it is in flight, or after it finished. Times are seconds
 * since the start.
 */
@SimulationTest
class SendTest {

    @Test
    @DisplayName("sends the request on the executor and completes with the image, which lands in the cache")
    void completesWithTheImage(SimPlatform platform) {
        GalleryScene scene = new GalleryScene(platform).serves(1, imageAfter(1, seconds(2)));

        CompletableFuture<Response> call = scene.send(1);
        scene.at(3);

        assertThat(FutureOutcome.of(call)).as("the call at 3 s (the image came at 2 s)")
                .isEqualTo(new FutureOutcome.Value(new Response(GalleryScene.image(1), 200, imageBytes(1))));
        assertThat(scene.requestsFor(1)).singleElement().matches(Exchange::isCompleted, "completed");
        assertThat(scene.cache.contains(GalleryScene.image(1))).as("image 1 in the cache").isTrue();
    }

    @Test
    @DisplayName("send() returns before anything is sent: dispatch runs on the executor, never on the caller's (main) thread")
    void dispatchesOnTheExecutor(SimPlatform platform) {
        GalleryScene scene = new GalleryScene(platform).serves(1, imageAfter(1, seconds(1)));
        List<Integer> sentDuringSend = new ArrayList<>();

        scene.sim.runOnMain("the gallery asks for image 1", () -> {
            scene.http.send(GalleryScene.request(1));
            sentDuringSend.add(scene.network.exchanges().size());
        });
        scene.sim.runUntilIdle();

        assertThat(sentDuringSend).as("requests sent before send() returned to the main thread: send must only start the call,"
                + " and dispatch it on the executor (a cancel right after send must still be able to stop it before it is sent)")
                .containsExactly(0);
        assertThat(scene.client.dispatchLanes()).as("lanes that called dispatch: the executor's (task#n), never MAIN")
                .singleElement().asString().startsWith("task#");
    }

    @Test
    @DisplayName("cancelled at 1 s while in flight: the server sees the abort at 1 s, the call is cancelled, nothing is cached")
    @CatchesBug(Bugs.CANCEL_IN_FLIGHT_IGNORED)
    void cancelInFlightAbortsTheRequest(SimPlatform platform) {
        GalleryScene scene = new GalleryScene(platform).serves(1, imageAfter(1, seconds(3)));

        CompletableFuture<Response> call = scene.send(1);
        scene.at(1);
        boolean cancelled = scene.userCancels(call).returned();
        scene.sim.runUntilIdle();

        Exchange request = scene.requestsFor(1).get(0);
        assertThat(request.state()).as("the request for image 1 after the user cancelled at 1 s (the image was due at 3 s):"
                + " the server should see it aborted; it saw " + request).isEqualTo(Exchange.State.ABORTED);
        assertThat(request.endedAt()).as("when the server saw the abort").contains(seconds(1));
        assertCancelled(call, "the call after the user cancelled it");
        assertThat(cancelled).as("what cancel(true) returned for a call in flight").isTrue();
        assertThat(scene.cache.writes()).as("images written to the cache after the cancel (a side effect nobody wants any more)").isEmpty();
    }

    @Test
    @DisplayName("cancelled at 2.5 s in the middle of the body: the download stops there")
    @CatchesBug(Bugs.CANCEL_IN_FLIGHT_IGNORED)
    void cancelMidBodyStopsTheDownload(SimPlatform platform) {
        GalleryScene scene = new GalleryScene(platform)
                .serves(1, imageAfter(1, seconds(1)).inChunks(4, seconds(1))); // headers at 1 s, body from 2 s to 5 s

        CompletableFuture<Response> call = scene.send(1);
        scene.at(2.5);
        scene.userCancels(call);
        scene.sim.runUntilIdle();

        Exchange request = scene.requestsFor(1).get(0);
        assertThat(request.state()).as("the download of image 1 after the user cancelled at 2.5 s, mid-body: " + request)
                .isEqualTo(Exchange.State.ABORTED);
        assertThat(request.bodyBytesDelivered()).as("body bytes that reached the client").isLessThan(imageBytes(1).length);
        assertCancelled(call, "the call after the user cancelled it");
        assertThat(scene.cache.writes()).as("images written to the cache after the cancel").isEmpty();
    }

    @Test
    @DisplayName("cancelled before the executor dispatched it: no request reaches the server, the call is cancelled")
    @CatchesBug(Bugs.CANCEL_BEFORE_DISPATCH_LOST)
    void cancelBeforeDispatchSendsNothing(SimPlatform platform) {
        GalleryScene scene = new GalleryScene(platform).serves(1, imageAfter(1, seconds(1)));
        List<CompletableFuture<Response>> call = new ArrayList<>();
        boolean[] cancelled = new boolean[1];

        // Swift: the task is already cancelled when withTaskCancellationHandler starts (SE-0304).
        scene.sim.runOnMain("the gallery asks for image 1 and the user scrolls on at once", () -> {
            call.add(scene.http.send(GalleryScene.request(1)));
            cancelled[0] = call.get(0).cancel(true);
        });
        scene.sim.runUntilIdle();

        assertThat(scene.network.exchanges()).as("requests that reached the server though the call was cancelled before it was"
                + " dispatched").isEmpty();
        assertCancelled(call.get(0), "the call cancelled before it was dispatched");
        assertThat(cancelled[0]).as("what cancel(true) returned").isTrue();
        assertThat(scene.cache.writes()).as("images written to the cache").isEmpty();
    }

    @Test
    @DisplayName("asks for an image and cancels at the same instant, in every order the threads can run: nothing is sent, or it is aborted at once")
    @CatchesBug(Bugs.CANCEL_BEFORE_DISPATCH_LOST)
    void aCancelRacingTheDispatchIsNeverLost() {
        int schedules = Exhaustive.explore(5, sim -> {
            GalleryScene scene = new GalleryScene(SimPlatform.on(sim)).serves(1, imageAfter(1, seconds(1)));
            List<CompletableFuture<Response>> call = new ArrayList<>();
            // At 0 s: the gallery asks on the main thread; the user's cancel races the executor's dispatch.
            sim.main().execute("the gallery asks for image 1", () -> {
                call.add(scene.http.send(GalleryScene.request(1)));
                sim.outsideLane("user").execute("the user cancels", () -> call.get(0).cancel(true));
            });
            scene.at(5);

            GalleryScene.assertEveryRequestAborted(scene.network.exchanges(), seconds(0), "Requests after a cancel at the very"
                    + " instant the call was made (dispatched before the cancel: stopped at once; after it: never sent)");
            assertCancelled(call.get(0), "the call");
            assertThat(scene.cache.writes()).as("images written to the cache").isEmpty();
        });
        assertThat(schedules).as("schedules explored: only one means the dispatch never raced the cancel; does send() dispatch"
                + " on the executor?").isGreaterThan(1);
    }

    @Test
    @DisplayName("cancelled at 3 s after the image came at 2 s: a no-op, the image stays")
    void cancelAfterCompletionIsANoOp(SimPlatform platform) {
        GalleryScene scene = new GalleryScene(platform).serves(1, imageAfter(1, seconds(2)));

        CompletableFuture<Response> call = scene.send(1);
        scene.at(3);
        GalleryScene.CancelReturned cancel = scene.userCancels(call);
        scene.sim.runUntilIdle();

        assertThat(cancel.returned()).as("what cancel(true) returned for a call that had completed").isFalse();
        assertThat(cancel.isCancelled()).as("isCancelled() right after a cancel that came too late").isFalse();
        assertThat(FutureOutcome.of(call)).as("the call after a late cancel")
                .isEqualTo(new FutureOutcome.Value(new Response(GalleryScene.image(1), 200, imageBytes(1))));
        assertThat(scene.requestsFor(1)).singleElement().matches(Exchange::isCompleted, "completed");
        assertThat(scene.cache.contains(GalleryScene.image(1))).as("image 1 in the cache").isTrue();
    }

    @Test
    @DisplayName("connection reset at 1 s: the call fails with the client's IOException")
    void aFailureIsTheClientsError(SimPlatform platform) {
        GalleryScene scene = new GalleryScene(platform).serves(1, Reply.connectionReset().after(seconds(1)));

        CompletableFuture<Response> call = scene.send(1);
        scene.sim.runUntilIdle();

        FutureOutcome outcome = FutureOutcome.of(call);
        assertThat(outcome.isFailed()).as("the call after a connection reset: " + outcome).isTrue();
        assertThat(((FutureOutcome.Failed) outcome).error()).isInstanceOf(IOException.class).hasMessageContaining("Connection reset");
    }

    @Test
    @DisplayName("HTTP 404 is an answer, not a failure: the call completes with it, nothing is cached")
    void anHttpErrorIsAResponse(SimPlatform platform) {
        GalleryScene scene = new GalleryScene(platform).serves(1, Reply.status(404).after(seconds(1)));

        CompletableFuture<Response> call = scene.send(1);
        scene.sim.runUntilIdle();

        assertThat(FutureOutcome.of(call)).as("the call after HTTP 404")
                .isEqualTo(new FutureOutcome.Value(new Response(GalleryScene.image(1), 404, new byte[0])));
        assertThat(scene.cache.writes()).isEmpty();
    }

    @Test
    @DisplayName("a client that fails inside dispatch (before it returns): the call fails with that error, and a later cancel leaves it failed")
    void aFailureReportedInsideDispatchFailsTheCall(SimPlatform platform) {
        IOException refused = new IOException("cannot send: the client was shut down");
        CallbackHttpClient refusing = (request, completion) -> {
            completion.accept(new Result.Failure(refused));
            return () -> { }; // the request has finished: a cancel does nothing (HttpClientTask's contract)
        };
        AsyncHttpClient http = new AsyncHttpClient(refusing, platform.sim().concurrent("task"));
        List<CompletableFuture<Response>> call = new ArrayList<>();

        platform.sim().runOnMain("the gallery asks for image 1", () -> call.add(http.send(GalleryScene.request(1))));
        platform.sim().runUntilIdle();

        assertThat(FutureOutcome.of(call.get(0))).as("the call whose client failed inside dispatch").isEqualTo(new FutureOutcome.Failed(refused));
        assertThat(call.get(0).cancel(true)).as("cancel(true) after the call failed").isFalse();
        platform.sim().runUntilIdle();
        assertThat(FutureOutcome.of(call.get(0))).as("the call after a cancel that came once it had failed")
                .isEqualTo(new FutureOutcome.Failed(refused));
    }

    @Test
    @DisplayName("cancelled before dispatch, in flight and mid-body: each call is done and cancelled the moment cancel(true) returns")
    void theCallIsCancelledTheMomentCancelReturns(SimPlatform platform) {
        GalleryScene scene = new GalleryScene(platform)
                .serves(1, imageAfter(1, seconds(3)))
                .serves(2, imageAfter(2, seconds(3)))
                .serves(3, imageAfter(3, seconds(1)).inChunks(4, seconds(1))); // headers at 1 s, body from 2 s to 5 s
        List<GalleryScene.CancelReturned> beforeDispatch = new ArrayList<>();

        scene.sim.runOnMain("the gallery asks for image 1 and the user scrolls on at once",
                () -> beforeDispatch.add(GalleryScene.cancelNow(scene.http.send(GalleryScene.request(1)))));
        CompletableFuture<Response> inFlight = scene.send(2);
        CompletableFuture<Response> midBody = scene.send(3);
        scene.at(1);
        GalleryScene.CancelReturned atOneSecond = scene.userCancels(inFlight);
        scene.at(2.5);
        GalleryScene.CancelReturned midDownload = scene.userCancels(midBody);
        scene.sim.runUntilIdle();

        beforeDispatch.get(0).assertCancelledAtOnce("image 1, cancelled before it was dispatched");
        atOneSecond.assertCancelledAtOnce("image 2, cancelled at 1 s while in flight");
        midDownload.assertCancelledAtOnce("image 3, cancelled at 2.5 s in the middle of its body");
    }

    @Test
    @DisplayName("two calls for the same image at once: cancelling the first at 1 s aborts its request only; the second gets the image at 2 s")
    @CatchesBug(Bugs.CANCEL_IN_FLIGHT_IGNORED)
    void twoCallsForTheSameImageAreCancelledApart(SimPlatform platform) {
        GalleryScene scene = new GalleryScene(platform).serves(1, imageAfter(1, seconds(2)));

        CompletableFuture<Response> first = scene.send(1);
        CompletableFuture<Response> second = scene.send(1);
        scene.at(1);
        scene.userCancels(first);
        scene.sim.runUntilIdle();

        assertCancelled(first, "the first call for image 1, cancelled at 1 s");
        assertThat(FutureOutcome.of(second)).as("the second call for image 1, which nobody cancelled: a cancel of one call must"
                + " stop that call's own request and no other")
                .isEqualTo(new FutureOutcome.Value(new Response(GalleryScene.image(1), 200, imageBytes(1))));
        List<Exchange> requests = scene.requestsFor(1);
        assertThat(requests).as("requests for image 1: one for each call").hasSize(2);
        assertThat(requests).as("the two requests for image 1: the cancelled call's should be aborted at 1 s, the other one"
                + " completed at 2 s")
                .anyMatch(request -> request.wasAborted() && request.endedAt().orElseThrow().equals(seconds(1)))
                .anyMatch(request -> request.isCompleted() && request.endedAt().orElseThrow().equals(seconds(2)));
    }

    /** The call ended as a cancel: any of the JDK's shapes of one, but never an error or a value. */
    static void assertCancelled(CompletableFuture<?> call, String what) {
        FutureOutcome outcome = FutureOutcome.of(call);
        assertThat(outcome.isCancelled()).as(what + ": it should be cancelled (join() throws a CancellationException), but it "
                + outcome + (outcome.isFailed() ? ". A cancel is not an error: the gallery would show it to the user" : "")).isTrue();
    }
}
