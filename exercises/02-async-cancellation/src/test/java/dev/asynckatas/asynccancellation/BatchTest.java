package dev.asynckatas.asynccancellation;

import static dev.asynckatas.asynccancellation.GalleryScene.album;
import static dev.asynckatas.asynccancellation.GalleryScene.assertEveryRequestAborted;
import static dev.asynckatas.asynccancellation.GalleryScene.image;
import static dev.asynckatas.asynccancellation.GalleryScene.imageAfter;
import static dev.asynckatas.asynccancellation.GalleryScene.imageBytes;
import static dev.asynckatas.asynccancellation.GalleryScene.seconds;
import static dev.asynckatas.asynccancellation.SendTest.assertCancelled;
import static dev.asynckatas.kit.assertions.PlatformAssertions.assertNoMainThreadViolations;
import static org.assertj.core.api.Assertions.assertThat;

import dev.asynckatas.kit.SimPlatform;
import dev.asynckatas.kit.app.SimNavigator.Shown;
import dev.asynckatas.kit.assertions.FutureOutcome;
import dev.asynckatas.kit.http.Exchange;
import dev.asynckatas.kit.http.Reply;
import dev.asynckatas.kit.junit.CatchesBug;
import dev.asynckatas.kit.junit.SimulationTest;
import dev.asynckatas.kit.sim.Exhaustive;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Kata 02, a batch: the user opens an album of five images, which load together, and may leave before they
 * are in, or one of them may fail. Times are seconds since the start.
 */
@SimulationTest
class BatchTest {

    @Test
    @DisplayName("opens an album of five: every image loads, the album is shown once, from the main thread")
    void opensAnAlbum(SimPlatform platform) {
        GalleryScene scene = new GalleryScene(platform);
        IntStream.rangeClosed(1, 5).forEach(n -> scene.serves(n, imageAfter(n, seconds(n))));

        scene.opens(album(5));
        scene.at(6);

        assertThat(scene.navigator.shown()).extracting(Shown::what).as("what the user sees").containsExactly(album(5).screen());
        assertNoMainThreadViolations(scene.sim);
        assertThat(scene.cache.writes()).as("images in the cache").hasSize(5);
    }

    @Test
    @DisplayName("five images that come back in reverse order (5 s, 4 s ... 1 s): the results keep the order of the requests")
    void resultsKeepRequestOrder(SimPlatform platform) {
        GalleryScene scene = new GalleryScene(platform);
        IntStream.rangeClosed(1, 5).forEach(n -> scene.serves(n, imageAfter(n, seconds(6 - n))));

        CompletableFuture<List<Response>> batch = scene.sendAll(5);
        scene.at(6);

        assertThat(FutureOutcome.of(batch)).as("the batch at 6 s")
                .isEqualTo(new FutureOutcome.Value(IntStream.rangeClosed(1, 5).mapToObj(n -> new Response(image(n), 200, imageBytes(n))).toList()));
    }

    @Test
    @DisplayName("an empty batch completes at once with no responses")
    void anEmptyBatch(SimPlatform platform) {
        GalleryScene scene = new GalleryScene(platform);

        CompletableFuture<List<Response>> batch = scene.sendAll(0);
        scene.sim.runUntilIdle();

        assertThat(FutureOutcome.of(batch)).isEqualTo(new FutureOutcome.Value(List.of()));
    }

    @Test
    @DisplayName("leaves the album at 1 s while its five images load: the server sees five aborts at 1 s, nothing is cached, nothing shown")
    @CatchesBug(Bugs.BATCH_CANCEL_IGNORED)
    void leavingTheAlbumAbortsEveryImage(SimPlatform platform) {
        GalleryScene scene = new GalleryScene(platform);
        IntStream.rangeClosed(1, 5).forEach(n -> scene.serves(n, imageAfter(n, seconds(3))));

        scene.opens(album(5));
        scene.at(1);
        scene.leaves();
        scene.sim.runUntilIdle();

        assertThat(scene.network.exchanges()).as("requests sent").hasSize(5);
        assertEveryRequestAborted(scene.network.exchanges(), seconds(1),
                "The five image requests after the user left the album at 1 s (the images were due at 3 s)");
        assertThat(scene.cache.writes()).as("images written to the cache after the user left").isEmpty();
        assertThat(scene.navigator.shown()).as("what was shown after the user left (a cancel is not an error)").isEmpty();
    }

    @Test
    @DisplayName("cancelling the batch future itself cancels it: the batch is cancelled and every request aborted")
    @CatchesBug(Bugs.BATCH_CANCEL_IGNORED)
    void cancellingTheBatchCancelsIt(SimPlatform platform) {
        GalleryScene scene = new GalleryScene(platform);
        IntStream.rangeClosed(1, 3).forEach(n -> scene.serves(n, imageAfter(n, seconds(3))));

        CompletableFuture<List<Response>> batch = scene.sendAll(3);
        scene.at(1);
        GalleryScene.CancelReturned cancel = scene.userCancels(batch);
        scene.sim.runUntilIdle();

        assertEveryRequestAborted(scene.network.exchanges(), seconds(1), "The three requests after the batch was cancelled at 1 s");
        cancel.assertCancelledAtOnce("the batch, cancelled at 1 s");
        assertCancelled(batch, "the batch after it was cancelled");
    }

    @Test
    @DisplayName("an album that lists image 1 twice (1, 2, 1): three responses, image 1 first and last, and the album is shown")
    void anAlbumThatListsAnImageTwice(SimPlatform platform) {
        GalleryScene scene = new GalleryScene(platform).serves(1, imageAfter(1, seconds(2))).serves(2, imageAfter(2, seconds(1)));

        CompletableFuture<List<Response>> batch = scene.sendAll(List.of(1, 2, 1));
        scene.opens(GalleryScene.albumOf(List.of(1, 2, 1)));
        scene.at(3);

        assertThat(FutureOutcome.of(batch)).as("the batch for images 1, 2, 1 at 3 s (image 2 came at 1 s, both copies of image 1 at 2 s)")
                .isEqualTo(new FutureOutcome.Value(List.of(new Response(image(1), 200, imageBytes(1)),
                        new Response(image(2), 200, imageBytes(2)), new Response(image(1), 200, imageBytes(1)))));
        assertThat(scene.navigator.shown()).extracting(Shown::what).as("what the user sees after opening the album 1, 2, 1")
                .containsExactly(GalleryScene.albumOf(List.of(1, 2, 1)).screen());
    }

    @Test
    @DisplayName("leaves an album that lists image 1 twice (1, 2, 1) at 1 s: every request is aborted at 1 s, both for image 1 included")
    @CatchesBug(Bugs.BATCH_CANCEL_IGNORED)
    void leavingAnAlbumThatListsAnImageTwiceAbortsEveryRequest(SimPlatform platform) {
        GalleryScene scene = new GalleryScene(platform).serves(1, imageAfter(1, seconds(3))).serves(2, imageAfter(2, seconds(3)));

        scene.opens(GalleryScene.albumOf(List.of(1, 2, 1)));
        scene.at(1);
        scene.leaves();
        scene.sim.runUntilIdle();

        assertThat(scene.network.exchanges()).as("requests sent for the album 1, 2, 1: one for each image it lists").hasSize(3);
        assertEveryRequestAborted(scene.network.exchanges(), seconds(1),
                "The requests for the album 1, 2, 1 after the user left it at 1 s (a cancel must reach each call, even two for"
                        + " the same address)");
        assertThat(scene.cache.writes()).as("images written to the cache after the user left").isEmpty();
        assertThat(scene.navigator.shown()).as("what was shown after the user left").isEmpty();
    }

    @Test
    @DisplayName("images 20, 3, 100, 1 that come back as 100, 20, 1, 3: the results follow the requests, not the names nor the arrivals")
    void resultsFollowTheRequestsNotTheNames(SimPlatform platform) {
        GalleryScene scene = new GalleryScene(platform)
                .serves(100, imageAfter(100, seconds(1)))
                .serves(20, imageAfter(20, seconds(2)))
                .serves(1, imageAfter(1, seconds(3)))
                .serves(3, imageAfter(3, seconds(4)));
        List<Integer> images = List.of(20, 3, 100, 1);

        CompletableFuture<List<Response>> batch = scene.sendAll(images);
        scene.at(5);

        assertThat(FutureOutcome.of(batch)).as("the batch for images 20, 3, 100, 1 at 5 s: the responses must be in the order of"
                        + " the requests, whatever the order of the names or of the arrivals")
                .isEqualTo(new FutureOutcome.Value(images.stream().map(n -> new Response(image(n), 200, imageBytes(n))).toList()));
    }

    @Test
    @DisplayName("image 3 fails at 1 s (connection reset): the four others are aborted at 1 s, the album shows one error")
    @CatchesBug(Bugs.BATCH_FAILURE_IGNORED)
    void oneFailureAbortsTheOthers(SimPlatform platform) {
        GalleryScene scene = new GalleryScene(platform);
        IntStream.rangeClosed(1, 5).forEach(n -> scene.serves(n, imageAfter(n, seconds(3))));
        scene.serves(3, Reply.connectionReset().after(seconds(1)));

        scene.opens(album(5));
        scene.sim.runUntilIdle();

        List<Exchange> others = scene.network.exchanges().stream().filter(e -> !e.path().equals(GalleryScene.path(3))).toList();
        assertThat(others).as("other requests sent").hasSize(4);
        assertEveryRequestAborted(others, seconds(1),
                "The four other requests after image 3 failed at 1 s (the album can no longer be shown)");
        assertThat(scene.cache.writes()).as("images written to the cache after the batch failed").isEmpty();
        assertThat(scene.navigator.errors()).as("errors shown").hasSize(1);
        assertThat(scene.navigator.errors().get(0).at()).as("when the error was shown").isEqualTo(seconds(1));
    }

    @Test
    @DisplayName("a failing request fails the batch with its own error, not with the cancel of a sibling")
    @CatchesBug(Bugs.BATCH_FAILURE_IGNORED)
    void theBatchFailsWithTheFirstFailure(SimPlatform platform) {
        GalleryScene scene = new GalleryScene(platform);
        scene.serves(1, imageAfter(1, seconds(3)));
        scene.serves(2, Reply.connectionReset().after(seconds(1)));

        CompletableFuture<List<Response>> batch = scene.sendAll(2);
        scene.at(1);

        FutureOutcome outcome = FutureOutcome.of(batch);
        assertThat(outcome.isFailed()).as("the batch at 1 s, just after image 2 failed: " + outcome).isTrue();
        assertThat(((FutureOutcome.Failed) outcome).error()).as("the batch's error").isInstanceOf(IOException.class)
                .hasMessageContaining("Connection reset");
    }

    @Test
    @DisplayName("HTTP 404 for one image: the album shows an error, not the album")
    void aMissingImageIsAnError(SimPlatform platform) {
        GalleryScene scene = new GalleryScene(platform);
        IntStream.rangeClosed(1, 3).forEach(n -> scene.serves(n, imageAfter(n, seconds(1))));
        scene.serves(2, Reply.status(404).after(seconds(1)));

        scene.opens(album(3));
        scene.sim.runUntilIdle();

        assertThat(scene.navigator.screens()).as("screens shown").isEmpty();
        assertThat(scene.navigator.errors()).as("errors shown").singleElement().extracting(Shown::what).asString().contains("HTTP 404");
    }

    @Test
    @DisplayName("opens an album of two and leaves at the same instant, in every order the threads can run: nothing is loaded")
    @CatchesBug(Bugs.CANCEL_BEFORE_DISPATCH_LOST)
    void leavingTheInstantItOpensLoadsNothing() {
        int schedules = Exhaustive.explore(4, sim -> {
            GalleryScene scene = new GalleryScene(dev.asynckatas.kit.SimPlatform.on(sim));
            IntStream.rangeClosed(1, 2).forEach(n -> scene.serves(n, imageAfter(n, seconds(1))));
            // Both at 0 s, one after the other on the main thread; the executor's dispatches race with the second.
            sim.main().execute("the user opens the album", () -> scene.gallery.open(album(2)));
            sim.main().execute("the user leaves the album", scene.gallery::leave);
            scene.at(5);

            assertEveryRequestAborted(scene.network.exchanges(), seconds(0), "Requests after the user left at the very"
                    + " instant the album opened (each one dispatched before the cancel must be stopped at once, the others"
                    + " never sent)");
            assertThat(scene.cache.writes()).as("images written to the cache").isEmpty();
            assertThat(scene.navigator.shown()).as("what was shown").isEmpty();
        });
        assertThat(schedules).as("schedules explored").isGreaterThan(1);
    }
}
