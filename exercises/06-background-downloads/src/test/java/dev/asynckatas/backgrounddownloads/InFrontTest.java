package dev.asynckatas.backgrounddownloads;

import static dev.asynckatas.backgrounddownloads.PodcastStory.bytesOf;
import static dev.asynckatas.backgrounddownloads.PodcastStory.episode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.asynckatas.kit.SimPlatform;
import dev.asynckatas.kit.http.Reply;
import dev.asynckatas.kit.junit.CatchesBug;
import dev.asynckatas.kit.junit.SimulationTest;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kata 06 while the app stays in front: the downloads, their progress, what the server may send instead of an
 * episode, and names that are not file names. Every time is seconds since the start.
 */
@SimulationTest
class InFrontTest {

    static final URI ONE = episode("/show/ep-1.mp3");
    static final URI TWO = episode("/show/ep-2.mp3");
    static final URI THREE = episode("/show/ep-3.mp3");

    @Test
    @DisplayName("in front: three episodes land with the server's bytes and their names, each reported once; progress reaches 100 % on MAIN")
    void inFrontEveryEpisodeLandsWithItsProgress(SimPlatform platform, @TempDir Path home) {
        PodcastStory story = new PodcastStory(platform, home).servesAudio(ONE, 1).servesAudio(TWO, 2).servesAudio(THREE, 1.5);

        story.userOpensApp();
        story.tapDownloadAll(ONE, TWO, THREE);
        story.at(10);

        story.assertSavedOnce(ONE, TWO, THREE);
        assertThat(story.filesInDownloads().keySet()).as("the files in the downloads folder, named as the server's URLs name them")
                .containsExactlyInAnyOrder("ep-1.mp3", "ep-2.mp3", "ep-3.mp3");
        for (URI episode : List.of(ONE, TWO, THREE)) {
            List<PodcastStory.Report> progress = story.progressOf(episode, 1);
            assertThat(progress).as("the progress shown for " + episode).isNotEmpty();
            PodcastStory.Report last = progress.get(progress.size() - 1);
            assertThat(last.received()).as("the last progress shown for " + episode + " (" + last + "): all of it")
                    .isEqualTo(bytesOf(episode).length).isEqualTo(last.expected());
        }
        story.assertScreenOnlyOnMain();
        story.assertNothingOutsideTheFolderAndNoTemporaryFile();
    }

    @Test
    @DisplayName("a 404, a 500, a reset and a body cut short: one failure each, reported once and why, no file, no temporary file")
    @CatchesBug(Bugs.HTTP_ERROR_SAVED)
    void failuresAreReportedOnceAndLeaveNoFile(SimPlatform platform, @TempDir Path home) {
        URI missing = episode("/show/missing.mp3");
        URI broken = episode("/show/broken.mp3");
        URI reset = episode("/show/reset.mp3");
        URI cut = episode("/show/cut.mp3");
        PodcastStory story = new PodcastStory(platform, home).servesAudio(ONE, 1)
                .serves(missing, Reply.status(404).header("Content-Type", "text/html").body("<h1>Not Found</h1>").after(PodcastStory.seconds(0.5)))
                .serves(broken, Reply.status(500).body("Internal Server Error").after(PodcastStory.seconds(1)))
                .serves(reset, Reply.connectionReset().after(PodcastStory.seconds(1.5)))
                .serves(cut, PodcastStory.audio(cut, 1).cutShortAfter(100));

        story.userOpensApp();
        story.tapDownloadAll(ONE, missing, broken, reset, cut);
        story.at(10);

        story.assertFailedOnce(missing, "404");
        story.assertFailedOnce(broken, "500");
        story.assertFailedOnce(reset, "");
        story.assertFailedOnce(cut, "");
        story.assertSavedOnce(ONE);
        assertThat(story.filesInDownloads().keySet()).as("the files in the downloads folder: only the episode that arrived whole")
                .containsExactly("ep-1.mp3");
        story.assertNothingOutsideTheFolderAndNoTemporaryFile();
        story.assertScreenOnlyOnMain();
    }

    @Test
    @DisplayName("hostile names (../../x, an encoded %2e%2e%2f, an absolute path, empty, .., the same name twice): every file inside the folder, distinct")
    @CatchesBug(Bugs.UNSAFE_NAMES)
    void hostileNamesStayInsideTheFolder(SimPlatform platform, @TempDir Path home) {
        URI traversal = episode("/show/climb.mp3");
        URI encoded = episode("/show/%2e%2e%2f%2e%2e%2fencoded.mp3");
        URI absolute = episode("/show/absolute.mp3");
        URI empty = episode("/show/empty.mp3");
        URI dots = episode("/show/dots.mp3");
        URI sameA = episode("/a/episode.mp3");
        URI sameB = episode("/b/episode.mp3");
        Path outside = home.resolve("absolute.mp3");
        PodcastStory story = new PodcastStory(platform, home)
                .serves(traversal, PodcastStory.audio(traversal, 1).header("Content-Disposition", "attachment; filename=\"../../climb.mp3\""))
                .servesAudio(encoded, 1)
                .serves(absolute, PodcastStory.audio(absolute, 1).header("Content-Disposition", "attachment; filename=\"" + outside + "\""))
                .serves(empty, PodcastStory.audio(empty, 1).header("Content-Disposition", "attachment; filename=\"\""))
                .serves(dots, PodcastStory.audio(dots, 1).header("Content-Disposition", "attachment; filename=\"..\""))
                .servesAudio(sameA, 1).servesAudio(sameB, 1.2);

        story.userOpensApp();
        story.tapDownloadAll(traversal, encoded, absolute, empty, dots, sameA, sameB);
        story.at(10);

        assertThat(story.filesOutsideDownloads()).as("files written outside the downloads folder " + story.downloads + ": a name from the"
                + " server or the URL was used as a path").isEmpty();
        assertThat(Files.exists(outside)).as("the absolute path the server suggested, " + outside).isFalse();
        story.assertSavedOnce(traversal, encoded, absolute, empty, dots, sameA, sameB);
        assertThat(story.filesInDownloads()).as("the files in the downloads folder: one per episode").hasSize(7);
        story.assertNothingOutsideTheFolderAndNoTemporaryFile();
    }

    @Test
    @DisplayName("a second podcast later, in the same process: the same session takes it, and every episode lands")
    void aSecondBatchUsesTheSameSession(SimPlatform platform, @TempDir Path home) {
        URI other = episode("/other/ep-9.mp3");
        PodcastStory story = new PodcastStory(platform, home).servesAudio(ONE, 1).servesAudio(TWO, 1).servesAudio(other, 1);

        story.userOpensApp();
        story.tapDownloadAll(ONE, TWO);
        story.at(5);
        story.tapDownloadAll(other);
        story.at(10);

        story.assertSavedOnce(ONE, TWO, other);
        assertThat(story.filesInDownloads()).as("the files in the downloads folder").hasSize(3);
    }

    @Test
    @DisplayName("the downloads folder's path is taken by a file: each episode fails with a reason, once; the file is left alone")
    void anUnwritableFolderFailsEachEpisodeOnce(SimPlatform platform, @TempDir Path home) throws IOException {
        PodcastStory story = new PodcastStory(platform, home).servesAudio(ONE, 1).servesAudio(TWO, 1.5);
        Files.delete(story.downloads);
        Files.writeString(story.downloads, "not a folder");

        story.userOpensApp();
        story.tapDownloadAll(ONE, TWO);
        story.at(10);

        story.assertFailedOnce(ONE, "");
        story.assertFailedOnce(TWO, "");
        assertThat(Files.readString(story.downloads)).as("the file in the folder's place, untouched").isEqualTo("not a folder");
        assertThat(story.device.transferService().temporaryFiles()).as("temporary files the system still holds").isEmpty();
    }

    @Test
    @DisplayName("the device's storage fills up mid-download: that episode fails once, with a reason; the others are not lost")
    void aFullDiskFailsOnlyWhatItStops(SimPlatform platform, @TempDir Path home) {
        URI late = episode("/show/late.mp3");
        PodcastStory story = new PodcastStory(platform, home).servesAudio(ONE, 1).servesAudio(late, 4);

        story.userOpensApp();
        story.tapDownloadAll(ONE, late);
        story.at(4);
        story.device.transferService().storageFull(true);
        story.at(10);

        story.assertSavedOnce(ONE);
        story.assertFailedOnce(late, "");
        story.assertNothingOutsideTheFolderAndNoTemporaryFile();
    }
}
