package dev.asynckatas.backgrounddownloads;

import static dev.asynckatas.backgrounddownloads.PodcastStory.bytesOf;
import static dev.asynckatas.backgrounddownloads.PodcastStory.episode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.asynckatas.kit.SimPlatform;
import dev.asynckatas.kit.device.SimAppProcess;
import dev.asynckatas.kit.device.Wake;
import dev.asynckatas.kit.http.Reply;
import dev.asynckatas.kit.junit.CatchesBug;
import dev.asynckatas.kit.junit.SimulationTest;
import dev.asynckatas.platform.Application;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kata 06 when the user leaves: the app suspended, terminated under memory pressure, launched again by the system in
 * the background or by the user. Every time is seconds since the start.
 */
@SimulationTest
class AwayTest {

    static final URI ONE = episode("/show/ep-1.mp3");
    static final URI TWO = episode("/show/ep-2.mp3");
    static final URI THREE = episode("/show/ep-3.mp3");

    /** Three episodes that arrive whole at 18, 19 and 20 s. */
    private static PodcastStory threeLongEpisodes(SimPlatform platform, Path home) {
        return new PodcastStory(platform, home).servesAudio(ONE, 16).servesAudio(TWO, 17).servesAudio(THREE, 18);
    }

    @Test
    @DisplayName("leaves at 1 s, the downloads end at 20 s: the system wakes the app, the files land, the handler is called once on MAIN after the last event, the app is suspended again")
    @CatchesBug(Bugs.HANDLER_NEVER_CALLED)
    void suspendedAppIsWokenAndSaysWhenItIsDone(SimPlatform platform, @TempDir Path home) {
        PodcastStory story = threeLongEpisodes(platform, home);
        SimAppProcess process = story.userOpensApp();
        story.tapDownloadAll(ONE, TWO, THREE);
        story.at(1);
        story.userLeaves();
        assertThat(process.state()).as("the app once the user left (nothing keeps it running)").isEqualTo(Application.State.SUSPENDED);

        story.at(120);

        assertThat(story.device.processes()).as("processes: the suspended one was resumed, not replaced").hasSize(1);
        assertThat(story.device.wakes()).as("times the system woke the app: once, when the last download ended").hasSize(1);
        story.assertSavedOnce(ONE, TWO, THREE);
        story.assertEveryWakeEndedByTheHandlerOnceOnMainAfterItsLastEvent();
        Wake wake = story.device.wakes().get(0);
        assertThat(wake.end()).as("how the wake ended").contains(Wake.End.HANDLER_CALLED);
        assertThat(process.state()).as("the app after the handler was called: suspended again").isEqualTo(Application.State.SUSPENDED);
        story.assertScreenOnlyOnMain();
        story.assertNothingOutsideTheFolderAndNoTemporaryFile();
    }

    @Test
    @DisplayName("terminated at 5 s (memory pressure), launched by the system at 20 s: every file lands once, failures are reported once, nothing reaches the dead process")
    @CatchesBug(Bugs.LOST_IN_A_NEW_PROCESS)
    void terminatedAppIsLaunchedAndLosesNothing(SimPlatform platform, @TempDir Path home) {
        URI missing = episode("/show/missing.mp3");
        URI reset = episode("/show/reset.mp3");
        PodcastStory story = threeLongEpisodes(platform, home)
                .serves(missing, Reply.status(404).body("Not Found").after(PodcastStory.seconds(8)))
                .serves(reset, Reply.connectionReset().after(PodcastStory.seconds(12)));
        story.userOpensApp();
        story.tapDownloadAll(ONE, TWO, THREE, missing, reset);
        story.at(1);
        story.userLeaves();
        story.at(5);
        story.systemTerminatesApp();

        story.at(120);

        List<SimAppProcess> processes = story.device.processes();
        assertThat(processes).as("processes: the terminated one, then one the system launched in the background").hasSize(2);
        assertThat(processes.get(1).launchedBy()).isEqualTo(SimAppProcess.LaunchedBy.SYSTEM);
        story.assertSavedOnce(ONE, TWO, THREE);
        story.assertFailedOnce(missing, "404");
        story.assertFailedOnce(reset, "");
        story.assertNothingReachedADeadProcess();
        story.assertScreenOnlyOnMain();
        story.assertNothingOutsideTheFolderAndNoTemporaryFile();
    }

    @Test
    @DisplayName("the answer's move onto the folder: a download finished while the app was terminated lands as a file inside the folder, and the folder stays a folder")
    @CatchesBug(Bugs.MOVES_ONTO_THE_FOLDER)
    void aRelaunchedAppMovesTheFileIntoTheFolder(SimPlatform platform, @TempDir Path home) {
        PodcastStory story = new PodcastStory(platform, home).servesAudio(ONE, 10);
        story.userOpensApp();
        story.tapDownloadAll(ONE);
        story.userLeaves();
        story.systemTerminatesApp();

        story.at(60);

        if (!Files.isDirectory(story.downloads)) {
            throw new AssertionError("The downloads folder " + story.downloads + " is no longer a folder: the download was moved onto the"
                    + " folder itself, replacing it (Files.move with REPLACE_EXISTING replaces an empty folder). Move it to a file"
                    + " inside the folder, downloads.resolve(name).");
        }
        story.assertSavedOnce(ONE);
        assertThat(story.filesInDownloads().values()).as("the files in the downloads folder").singleElement()
                .isEqualTo(bytesOf(ONE));
    }

    @Test
    @DisplayName("terminated at 5 s, the user opens the app at 12 s, before the downloads end: the new process gets every event, no wake needed")
    @CatchesBug(Bugs.LOST_IN_A_NEW_PROCESS)
    void userLaunchBeforeTheEndGetsTheEvents(SimPlatform platform, @TempDir Path home) {
        PodcastStory story = threeLongEpisodes(platform, home);
        story.userOpensApp();
        story.tapDownloadAll(ONE, TWO, THREE);
        story.at(1);
        story.userLeaves();
        story.at(5);
        story.systemTerminatesApp();
        story.at(12);
        SimAppProcess second = story.userOpensApp();

        story.at(60);

        assertThat(second.launchedBy()).isEqualTo(SimAppProcess.LaunchedBy.USER);
        assertThat(story.device.wakes()).as("wakes: the app was running in front when the downloads ended").isEmpty();
        story.assertSavedOnce(ONE, TWO, THREE);
        assertThat(story.reports).filteredOn(PodcastStory.Report::isTerminal).as("the reports of the downloads: all by the new process")
                .allMatch(r -> r.process() == 2, "by process #2");
        story.assertNothingReachedADeadProcess();
        story.assertScreenOnlyOnMain();
    }

    @Test
    @DisplayName("the user opens the app again at 12 s: at once it shows every download still running, from the session's tasks, then their progress up to 100 %")
    @CatchesBug(Bugs.NOTHING_SHOWN_AFTER_A_LAUNCH)
    void aLaunchShowsTheDownloadsStillRunning(SimPlatform platform, @TempDir Path home) {
        PodcastStory story = threeLongEpisodes(platform, home);
        story.userOpensApp();
        story.tapDownloadAll(ONE, TWO, THREE);
        story.at(1);
        story.userLeaves();
        story.at(5);
        story.systemTerminatesApp();
        story.at(12);

        story.userOpensApp();

        for (URI episode : List.of(ONE, TWO, THREE)) {
            assertThat(story.progressOf(episode, 2)).as("what the new process shows of " + episode + " at 12 s, as soon as it is open:"
                    + " it is still downloading (the session's allTasks() says so), and the screen must show it").isNotEmpty();
        }
        story.at(60);
        for (URI episode : List.of(ONE, TWO, THREE)) {
            List<PodcastStory.Report> progress = story.progressOf(episode, 2);
            PodcastStory.Report last = progress.get(progress.size() - 1);
            assertThat(last.received()).as("the last progress the new process showed for " + episode + " (" + last + "): all of it,"
                    + " from the session's didWriteData").isEqualTo(bytesOf(episode).length);
        }
        story.assertScreenOnlyOnMain();
    }

    @Test
    @DisplayName("two batches, two wakes: each wake's handler is called once, on MAIN, after that wake's last event")
    @CatchesBug(Bugs.HANDLER_NEVER_CALLED)
    void everyWakeGetsItsOwnHandlerCall(SimPlatform platform, @TempDir Path home) {
        URI later = episode("/other/ep-9.mp3");
        PodcastStory story = new PodcastStory(platform, home).servesAudio(ONE, 10).servesAudio(TWO, 12).servesAudio(later, 15);
        story.userOpensApp();
        story.tapDownloadAll(ONE, TWO);
        story.userLeaves();
        story.at(30);
        story.userOpensApp();
        story.tapDownloadAll(later);
        story.userLeaves();

        story.at(120);

        story.assertEveryWakeEndedByTheHandlerOnceOnMainAfterItsLastEvent();
        assertThat(story.device.wakes()).as("times the system woke the app: once per batch").hasSize(2);
        story.assertSavedOnce(ONE, TWO, later);
    }
}
