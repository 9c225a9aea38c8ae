package dev.asynckatas.backgrounddownloads;

import static dev.asynckatas.backgrounddownloads.PodcastStory.episode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.asynckatas.kit.SimPlatform;
import dev.asynckatas.kit.junit.CatchesBug;
import dev.asynckatas.kit.junit.SimulationTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kata 06, the names the episodes are saved under, beyond staying inside the folder ({@link InFrontTest}): a name
 * already taken still gives a file the player recognises, and a name longer than the file system allows still gives
 * a file. How a second name is told apart from the first ({@code episode (2).mp3}, {@code 2-episode.mp3}) is yours to
 * choose. Every time is seconds since the start.
 */
@SimulationTest
class FileNamesTest {

    @Test
    @DisplayName("three episodes named episode.mp3 and two named trailer: five files, and the three .mp3 ones still end in .mp3")
    @CatchesBug(Bugs.UNSAFE_NAMES)
    void aNameAlreadyTakenKeepsItsExtension(SimPlatform platform, @TempDir Path home) {
        List<URI> mp3s = List.of(episode("/a/episode.mp3"), episode("/b/episode.mp3"), episode("/c/episode.mp3"));
        List<URI> trailers = List.of(episode("/a/trailer"), episode("/b/trailer"));
        PodcastStory story = new PodcastStory(platform, home);
        mp3s.forEach(uri -> story.servesAudio(uri, 1));
        trailers.forEach(uri -> story.servesAudio(uri, 1.5));

        story.userOpensApp();
        story.tapDownloadAll(mp3s.get(0), mp3s.get(1), mp3s.get(2), trailers.get(0), trailers.get(1));
        story.at(10);

        story.assertSavedOnce(mp3s.get(0), mp3s.get(1), mp3s.get(2), trailers.get(0), trailers.get(1));
        for (URI mp3 : mp3s) {
            String name = fileNameOf(story, mp3);
            assertThat(name).as("the name " + mp3 + " was saved under, among three episodes the server calls episode.mp3: a name"
                    + " already taken must still end in .mp3, or the player and the Files app no longer know it for audio"
                    + " (number the part before the extension)").endsWith(".mp3");
        }
        story.assertNothingOutsideTheFolderAndNoTemporaryFile();
    }

    @Test
    @DisplayName("the server suggests a name of 300 characters: the episode is still saved, inside the folder, under a name of at most 255 bytes that ends in .mp3")
    @CatchesBug(Bugs.UNSAFE_NAMES)
    void aNameTooLongForTheFileSystemIsShortened(SimPlatform platform, @TempDir Path home) {
        URI longOne = episode("/show/long.mp3");
        String suggested = "A very long episode title ".repeat(12).substring(0, 296) + ".mp3";
        PodcastStory story = new PodcastStory(platform, home)
                .serves(longOne, PodcastStory.audio(longOne, 1).header("Content-Disposition", "attachment; filename=\"" + suggested + "\""));

        story.userOpensApp();
        story.tapDownloadAll(longOne);
        story.at(10);

        List<PodcastStory.Report> reported = story.terminalReports(longOne);
        if (reported.size() == 1 && reported.get(0).kind() == PodcastStory.Kind.FAILED) {
            throw new AssertionError(longOne + " was reported as failed (\"" + reported.get(0).reason() + "\"), though the server sent"
                    + " it whole: most file systems refuse a name over 255 bytes, so a name the server suggests must be shortened"
                    + " (keep its end, and so its extension), or the episode is lost.");
        }
        story.assertSavedOnce(longOne);
        String name = fileNameOf(story, longOne);
        assertThat(name.getBytes(StandardCharsets.UTF_8).length).as("the bytes of the name the episode was saved under, \"" + name
                + "\" (most file systems take at most 255)").isLessThanOrEqualTo(255);
        assertThat(name).as("the name the episode was saved under: shortened, it must still end in .mp3").endsWith(".mp3");
        story.assertNothingOutsideTheFolderAndNoTemporaryFile();
    }

    private static String fileNameOf(PodcastStory story, URI episode) {
        return story.terminalReports(episode).get(0).file().getFileName().toString();
    }
}
