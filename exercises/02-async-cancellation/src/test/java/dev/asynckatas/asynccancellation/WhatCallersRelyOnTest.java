package dev.asynckatas.asynccancellation;

import static dev.asynckatas.asynccancellation.GalleryScene.imageAfter;
import static dev.asynckatas.asynccancellation.GalleryScene.imageBytes;
import static dev.asynckatas.asynccancellation.GalleryScene.seconds;
import static dev.asynckatas.asynccancellation.RealGallery.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.asynckatas.kit.SimPlatform;
import dev.asynckatas.kit.assertions.FutureOutcome;
import dev.asynckatas.kit.http.Reply;
import dev.asynckatas.kit.junit.SimulationTest;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Kata 02, what the callers of the network layer rely on besides a cancel that stops: a cancel that comes too late
 * says so, and a failure reaches them as the client reported it, so that they can tell a timeout from a refusal
 * (the gallery may say "the server is slow" and offer to wait, or retry later). Times are seconds since the start.
 */
@SimulationTest
class WhatCallersRelyOnTest {

    @Test
    @DisplayName("leaves the album at 3 s, after its two images came at 2 s: cancel answers false, the batch keeps its responses")
    void aBatchCancelledAfterItCompletedIsANoOp(SimPlatform platform) {
        GalleryScene scene = new GalleryScene(platform);
        IntStream.rangeClosed(1, 2).forEach(n -> scene.serves(n, imageAfter(n, seconds(2))));

        CompletableFuture<List<Response>> batch = scene.sendAll(2);
        scene.at(3);
        GalleryScene.CancelReturned cancel = scene.userCancels(batch);
        scene.sim.runUntilIdle();

        assertThat(cancel.returned()).as("what cancel(true) returned for a batch that had completed (Future's contract: false"
                + " when the task has already completed; a caller that reads true would throw the images away)").isFalse();
        assertThat(cancel.isCancelled()).as("isCancelled() right after a cancel that came too late").isFalse();
        assertThat(FutureOutcome.of(batch)).as("the batch after a late cancel").isEqualTo(new FutureOutcome.Value(
                IntStream.rangeClosed(1, 2).mapToObj(n -> new Response(GalleryScene.image(n), 200, imageBytes(n))).toList()));
    }

    @Test
    @DisplayName("image 2 cannot be reached (the JDK's connect timeout, caused by a ConnectException): the batch fails with the timeout itself, not its cause")
    void aBatchFailsWithTheClientsErrorItself(SimPlatform platform) {
        GalleryScene scene = new GalleryScene(platform);
        scene.serves(1, imageAfter(1, seconds(3)));
        scene.serves(2, Reply.failure(connectTimeout()).after(seconds(1)));

        CompletableFuture<List<Response>> batch = scene.sendAll(2);
        scene.sim.runUntilIdle(); // when the batch fails is BatchTest's business: here, only with what

        FutureOutcome outcome = FutureOutcome.of(batch);
        assertThat(outcome.isFailed()).as("the batch once everything has run (image 2 failed at 1 s): " + outcome).isTrue();
        assertThat(((FutureOutcome.Failed) outcome).error()).as("the batch's error: the client's own HttpConnectTimeoutException"
                + " (unwrap a CompletionException only, never the client's error: its cause is a detail, and the caller must"
                + " still tell a timeout from a refusal)").isInstanceOf(HttpConnectTimeoutException.class);
    }

    @Test
    @DisplayName("the server does not answer in time: the blocking call throws the client's HttpTimeoutException itself, so the caller can tell a timeout from a reset")
    void theBlockingCallThrowsTheClientsErrorItself() throws Exception {
        StubClient client = StubClient.answeringLater();
        try (TrackedExecutor tasks = new TrackedExecutor(); TrackedExecutor callers = new TrackedExecutor()) {
            AsyncHttpClient http = new AsyncHttpClient(client, tasks);
            CompletableFuture<CallerSaw> saw = new CompletableFuture<>();
            callers.execute(() -> saw.complete(CallerSaw.calling(() -> http.sendBlocking(StubClient.request("/images/1.jpg")))));
            StubClient.Request request = awaitDispatch(client);

            request.answer(new Result.Failure(new HttpTimeoutException("request timed out")));

            CallerSaw seen = CallerSaw.await(saw, PATIENCE, "sendBlocking did not return once its request had timed out");
            assertThat(seen.thrown()).as("what sendBlocking threw after the client's request timeout: the client's"
                    + " HttpTimeoutException itself, as send()'s future reports it (wrapped in a plain IOException, a caller"
                    + " that catches HttpTimeoutException to wait longer never sees it); " + seen)
                    .isInstanceOf(HttpTimeoutException.class).hasMessage("request timed out");
        }
    }

    /** What the JDK's client reports when nothing answers the connection attempt: a timeout caused by a ConnectException. */
    private static HttpConnectTimeoutException connectTimeout() {
        HttpConnectTimeoutException timedOut = new HttpConnectTimeoutException("HTTP connect timed out");
        timedOut.initCause(new ConnectException("HTTP connect timed out"));
        return timedOut;
    }

    private static StubClient.Request awaitDispatch(StubClient client) {
        try {
            await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).atMost(PATIENCE).until(() -> !client.requests().isEmpty());
        } catch (ConditionTimeoutException never) {
            throw new AssertionError("the request was never dispatched", never);
        }
        return client.requests().get(0);
    }
}
