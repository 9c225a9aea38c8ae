package dev.asynckatas.groupwaiting;

import static dev.asynckatas.groupwaiting.AdsStory.bytesOf;
import static dev.asynckatas.groupwaiting.AdsStory.image;
import static dev.asynckatas.groupwaiting.AdsStory.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.asynckatas.kit.SimPlatform;
import dev.asynckatas.kit.http.Exchange;
import dev.asynckatas.kit.junit.SimulationTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The given {@code AdsApi.download}'s contract on cancel, which the kata's deadline relies on: cancelling the
 * download's own future answers the truth (true: the file never lands; false: it finished), and cancelling a stage
 * derived from it stops nothing. a.png arrives in four chunks, from 1 s to 3 s.
 */
@SimulationTest
class AdsApiDownloadTest {

    private static final AdFile A = new AdFile("a.png");

    @Test
    @DisplayName("cancel(true) while the file arrives: true, the exchange is aborted, and neither the file nor a partial one is left")
    void cancelWhileArrivingAbortsAndLeavesNothing(SimPlatform platform, @TempDir Path home) {
        AdsStory story = storyOfA(platform, home);
        CompletableFuture<Path> download = api(story).download(A, story.directory);
        story.at(1.6);

        assertThat(download.cancel(true)).as("cancel(true) at 1.6 s, while a.png arrives").isTrue();
        assertThat(download.isCancelled()).as("the download's future is cancelled").isTrue();
        story.at(10);

        assertThat(story.downloadRequests()).singleElement().as("the exchange, as the server saw it").extracting(Exchange::state)
                .isEqualTo(Exchange.State.ABORTED);
        assertThat(story.filesOnDisk()).as("what the cancelled download left in the ad directory").isEmpty();
    }

    @Test
    @DisplayName("cancel(false) before the file arrives: true, the bytes still arrive, and are thrown away")
    void cancelWithoutInterruptThrowsTheBytesAway(SimPlatform platform, @TempDir Path home) {
        AdsStory story = storyOfA(platform, home);
        CompletableFuture<Path> download = api(story).download(A, story.directory);
        story.at(0.5);

        assertThat(download.cancel(false)).as("cancel(false) at 0.5 s").isTrue();
        story.at(10);

        assertThat(story.downloadRequests()).singleElement().as("the exchange, as the server saw it: cancel(false) aborts nothing")
                .extracting(Exchange::state).isEqualTo(Exchange.State.COMPLETED);
        assertThat(story.filesOnDisk()).as("what the cancelled download left in the ad directory").isEmpty();
    }

    @Test
    @DisplayName("cancel after the file is saved: false, and the file and the future's result stay")
    void cancelAfterTheEndChangesNothing(SimPlatform platform, @TempDir Path home) {
        AdsStory story = storyOfA(platform, home);
        CompletableFuture<Path> download = api(story).download(A, story.directory);
        story.at(3.5);

        assertThat(download.cancel(true)).as("cancel(true) at 3.5 s, after a.png was saved at 3 s").isFalse();
        assertThat(download.join()).as("the download's result").isEqualTo(story.directory.resolve("a.png"));
        assertThat(story.filesOnDisk()).as("the ad directory").containsOnlyKeys("a.png");
        assertThat(story.filesOnDisk().get("a.png")).isEqualTo(bytesOf("a.png"));
    }

    @Test
    @DisplayName("cancelling a stage derived from a download (whenComplete) stops nothing: the file still lands")
    void cancellingADerivedStageStopsNothing(SimPlatform platform, @TempDir Path home) {
        AdsStory story = storyOfA(platform, home);
        CompletableFuture<Path> download = api(story).download(A, story.directory);
        CompletableFuture<Path> derived = download.whenComplete((saved, failure) -> { });
        story.at(0.5);

        derived.cancel(true);
        story.at(10);

        assertThat(download.isCancelled()).as("the download itself is cancelled").isFalse();
        assertThat(story.filesOnDisk()).as("the ad directory: the download ran to its end").containsOnlyKeys("a.png");
    }

    @Test
    @DisplayName("waiting on a download, or on a stage derived from it, runs the simulation until it ends (3 s)")
    void waitingOnADownloadWaitsForIt(SimPlatform platform, @TempDir Path home) throws Exception {
        AdsStory story = storyOfA(platform, home);
        CompletableFuture<Path> download = api(story).download(A, story.directory);

        assertThat(download.thenApply(saved -> saved.getFileName().toString()).join()).isEqualTo("a.png");
        assertThat(story.sim.now()).as("when the wait ended").isEqualTo(seconds(3));
        assertThat(api(story).download(A, story.directory).get(Duration.ofSeconds(5).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS))
                .isEqualTo(story.directory.resolve("a.png"));
    }

    private static AdsStory storyOfA(SimPlatform platform, Path home) {
        return new AdsStory(platform, home).serves("a.png", image("a.png", 1).inChunks(4, seconds(0.5)));
    }

    private static AdsApi api(AdsStory story) {
        return new AdsApi(story.network.client(), AdsStory.SERVER);
    }
}
