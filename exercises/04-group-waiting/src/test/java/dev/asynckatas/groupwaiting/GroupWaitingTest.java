package dev.asynckatas.groupwaiting;

import static dev.asynckatas.groupwaiting.AdsStory.bytesOf;
import static dev.asynckatas.groupwaiting.AdsStory.image;
import static dev.asynckatas.groupwaiting.AdsStory.seconds;
import static dev.asynckatas.kit.assertions.PlatformAssertions.assertMainThreadNeverHung;
import static dev.asynckatas.kit.assertions.PlatformAssertions.assertNoMainThreadViolations;
import static org.assertj.core.api.Assertions.assertThat;

import dev.asynckatas.kit.SimPlatform;
import dev.asynckatas.kit.http.Exchange;
import dev.asynckatas.kit.http.Reply;
import dev.asynckatas.kit.junit.CatchesBug;
import dev.asynckatas.kit.junit.SimulationTest;
import dev.asynckatas.kit.sim.DeadlockError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kata 04, the story step by step in virtual time: the app asks for its ads, the server lists the files half a
 * second later, and each file takes its own time. Every time is seconds since the start.
 */
@SimulationTest
class GroupWaitingTest {

    @Test
    @DisplayName("a 1 s, b 3 s, c 2 s: \"done\" fires once, at 3.5 s when b ends, and not a moment before")
    @CatchesBug(Bugs.DONE_TOO_EARLY)
    void doneFiresOnceAfterTheLastDownload(SimPlatform platform, @TempDir Path home) {
        AdsStory story = new AdsStory(platform, home).manifestLists("a.png", "b.png", "c.png")
                .serves("a.png", image("a.png", 1)).serves("b.png", image("b.png", 3)).serves("c.png", image("c.png", 2));

        story.appUpdatesAds();
        story.at(3.4);
        assertThat(story.done).as("\"done\" at 3.4 s, while b.png is still downloading (it ends at 3.5 s): \"done\" must wait"
                + " for the downloads to finish, not for the code that starts them").isEmpty();

        story.at(10);
        assertThat(story.done).as("how often \"done\" fired").hasSize(1);
        assertThat(story.done.get(0).stillDownloading()).as("downloads still running when \"done\" fired").isEmpty();
        assertThat(story.done.get(0).at()).as("when \"done\" fired: when the last download (b.png) ended").isEqualTo(seconds(3.5));
    }

    @Test
    @DisplayName("three files: the report counts 3 of 3, and every counted file is on disk with the server's bytes")
    @CatchesBug(Bugs.COUNT_READ_TOO_EARLY)
    void countsEverySavedFileAndEachIsOnDisk(SimPlatform platform, @TempDir Path home) {
        AdsStory story = new AdsStory(platform, home).manifestLists("a.png", "b.png", "c.png")
                .serves("a.png", image("a.png", 2)).serves("b.png", image("b.png", 1)).serves("c.png", image("c.png", 1.5));

        story.appUpdatesAds();
        story.at(10);

        assertThat(story.done).as("how often \"done\" fired").hasSize(1);
        UpdateReport report = story.done.get(0).report();
        assertThat(report.downloaded()).as("the files the report counts as downloaded (" + report.summary() + ")")
                .containsExactlyInAnyOrder("a.png", "b.png", "c.png");
        assertThat(report.total()).as("N, the files listed").isEqualTo(3);
        assertThat(report.failed()).as("failures").isEmpty();
        assertOnDiskExactly(story, "a.png", "b.png", "c.png");
    }

    @Test
    @DisplayName("404, 500, connection reset, body cut short: \"done\" still fires once, after the last, and says which failed")
    @CatchesBug(Bugs.FAILURES_NOT_RECORDED)
    void failuresDoNotHangTheGroupAndAreReported(SimPlatform platform, @TempDir Path home) {
        AdsStory story = new AdsStory(platform, home)
                .manifestLists("first.png", "missing.png", "broken.png", "reset.png", "cut.png", "last.png")
                .serves("first.png", image("first.png", 1))
                .serves("missing.png", Reply.status(404).body("no such ad").after(seconds(0.2)))
                .serves("broken.png", Reply.status(500).body("oops").after(seconds(1.5)))
                .serves("reset.png", Reply.connectionReset().after(seconds(2.5)))
                .serves("cut.png", image("cut.png", 1).inChunks(4, seconds(0.5)).cutShortAfter(100))
                .serves("last.png", image("last.png", 4));

        story.appUpdatesAds();
        story.at(30);

        assertThat(story.done).as("how often \"done\" fired, though some downloads failed (each failed download must"
                + " still count as finished, or the group never completes)").hasSize(1);
        UpdateReport report = story.done.get(0).report();
        assertThat(report.failed()).extracting(FailedDownload::name).as("the downloads the report says failed (" + report.summary() + ")")
                .containsExactlyInAnyOrder("missing.png", "broken.png", "reset.png", "cut.png");
        Map<String, String> reasons = reasonsByName(report);
        assertThat(reasons.get("missing.png")).as("why missing.png failed").contains("404");
        assertThat(reasons.get("broken.png")).as("why broken.png failed").contains("500");
        assertThat(reasons.get("reset.png")).as("why reset.png failed").containsIgnoringCase("reset");
        assertThat(reasons.get("cut.png")).as("why cut.png failed").contains("before the whole body arrived");
        assertThat(report.downloaded()).as("the files counted as downloaded").containsExactlyInAnyOrder("first.png", "last.png");
        assertThat(report.total()).as("N").isEqualTo(6);
        assertThat(story.done.get(0).at()).as("when \"done\" fired: when the last download (last.png) ended")
                .isEqualTo(story.lastDownloadEnded().orElseThrow()).isEqualTo(seconds(4.5));
        assertOnDiskExactly(story, "first.png", "last.png");
    }

    @Test
    @DisplayName("two updates overlap (the second starts at 1 s): each \"done\" fires once, when its own downloads end, and counts only its own files")
    @CatchesBug(Bugs.ONE_LIST_FOR_ALL_UPDATES)
    void overlappingUpdatesEachReportTheirOwnFiles(SimPlatform platform, @TempDir Path home) {
        // The first update lists a and b: a is saved at 1.2 s, b fails (404) at 3.5 s. The second lists b and c: b is
        // saved at 2.0 s, c at 2.5 s. b.png is asked for twice, and each request gets its own answer.
        AdsStory story = new AdsStory(platform, home)
                .manifestListsInTurn(List.of("a.png", "b.png"), List.of("b.png", "c.png"))
                .serves("a.png", image("a.png", 0.7))
                .servesInTurn("b.png", Reply.status(404).body("not yet").after(seconds(3)), image("b.png", 0.5))
                .serves("c.png", image("c.png", 1));

        List<AdsStory.Done> first = story.appUpdatesAds();
        story.at(1);
        List<AdsStory.Done> second = story.appUpdatesAds();
        story.at(10);

        assertThat(second).as("calls of the second update's \"done\"").hasSize(1);
        assertThat(second.get(0).report().downloaded()).as("the files the second update counts (" + second.get(0) + "): b.png"
                + " and c.png, which it saved; nothing of the first update").containsExactlyInAnyOrder("b.png", "c.png");
        assertThat(second.get(0).report().failed()).as("the second update's failures").isEmpty();
        assertThat(second.get(0).at()).as("when the second update's \"done\" fired: when its last download (c.png) ended")
                .isEqualTo(seconds(2.5));
        assertThat(first).as("calls of the first update's \"done\"").hasSize(1);
        UpdateReport report = first.get(0).report();
        assertThat(report.downloaded()).as("the files the first update counts (" + first.get(0) + "): a.png, which it saved"
                + " before the second update started its downloads").containsExactly("a.png");
        assertThat(report.failed()).extracting(FailedDownload::name).as("the first update's failures: its own request for b.png"
                + " got a 404, even though the second update saved b.png meanwhile").containsExactly("b.png");
        assertThat(report.total()).as("N of the first update").isEqualTo(2);
        assertThat(first.get(0).at()).as("when the first update's \"done\" fired: when its last download (b.png, the 404) ended")
                .isEqualTo(seconds(3.5));
        assertOnDiskExactly(story, "a.png", "b.png", "c.png");
    }

    @Test
    @DisplayName("the directory holds last week's ads: the report counts this update's files only, and a failed file keeps last week's copy")
    @CatchesBug(Bugs.COUNT_READ_TOO_EARLY)
    void filesFromAnEarlierUpdateAreNotCounted(SimPlatform platform, @TempDir Path home) {
        AdsStory story = new AdsStory(platform, home)
                .alreadyOnDisk("old.png", "last week's ad, no longer listed")
                .alreadyOnDisk("a.png", "last week's a.png")
                .alreadyOnDisk("b.png", "last week's b.png")
                .manifestLists("a.png", "b.png", "c.png")
                .serves("a.png", image("a.png", 1))
                .serves("b.png", Reply.status(404).body("no such ad").after(seconds(1.5)))
                .serves("c.png", image("c.png", 2));

        story.appUpdatesAds();
        story.at(10);

        assertThat(story.done).as("how often \"done\" fired").hasSize(1);
        UpdateReport report = story.done.get(0).report();
        assertThat(report.downloaded()).as("the files this update counts (" + report.summary() + "): the ones it saved, not"
                + " the files an earlier update left in the directory").containsExactlyInAnyOrder("a.png", "c.png");
        assertThat(report.failed()).extracting(FailedDownload::name).as("the files this update failed to download, though an"
                + " older copy is on disk").containsExactly("b.png");
        assertThat(report.total()).as("N, the files listed").isEqualTo(3);
        Map<String, byte[]> onDisk = story.filesOnDisk();
        assertThat(onDisk.keySet()).as("the files in the ad directory").containsExactlyInAnyOrder("old.png", "a.png", "b.png", "c.png");
        assertThat(onDisk.get("a.png")).as("a.png on disk: this update's bytes").isEqualTo(bytesOf("a.png"));
        assertThat(onDisk.get("c.png")).as("c.png on disk: this update's bytes").isEqualTo(bytesOf("c.png"));
        assertThat(new String(onDisk.get("b.png"), java.nio.charset.StandardCharsets.UTF_8))
                .as("b.png on disk: its download failed, so last week's copy stays").isEqualTo("last week's b.png");
        assertThat(new String(onDisk.get("old.png"), java.nio.charset.StandardCharsets.UTF_8))
                .as("old.png, which the manifest no longer lists: left alone").isEqualTo("last week's ad, no longer listed");
    }

    @Test
    @DisplayName("an empty manifest: \"done\" fires at once (0.5 s), on the main thread, 0 of 0")
    void noFilesDoneAtOnceOnMain(SimPlatform platform, @TempDir Path home) {
        AdsStory story = new AdsStory(platform, home).manifestLists();

        story.appUpdatesAds();
        story.at(0.5);

        assertThat(story.done).as("\"done\" for an empty manifest, as soon as the manifest arrived").hasSize(1);
        AdsStory.Done done = story.done.get(0);
        assertThat(done.onMain()).as("\"done\" ran on the main thread").isTrue();
        assertThat(done.report().total()).isZero();
        assertThat(done.report().downloaded()).isEmpty();
        assertThat(done.report().failed()).isEmpty();
        story.at(10);
        assertThat(story.done).as("how often \"done\" fired").hasSize(1);
    }

    @Test
    @DisplayName("the last download fails off the main thread: onDone still runs on the main thread")
    void onDoneAlwaysRunsOnMain(SimPlatform platform, @TempDir Path home) {
        AdsStory story = new AdsStory(platform, home).manifestLists("a.png", "b.png")
                .serves("a.png", image("a.png", 1)).serves("b.png", Reply.connectionReset().after(seconds(3)));

        story.appUpdatesAds();
        story.at(10);

        assertNoMainThreadViolations(story.sim);
        assertThat(story.done).as("calls of onDone").isNotEmpty();
        assertThat(story.done).as("calls of onDone, each with whether it ran on the main thread (group.notify(queue: .main))")
                .allMatch(AdsStory.Done::onMain, "on MAIN");
    }

    @Test
    @DisplayName("the manifest fails with HTTP 503: \"done\" still fires once, on the main thread, and says why")
    @CatchesBug(Bugs.NO_DONE_WITHOUT_MANIFEST)
    void manifestErrorStillEndsInDone(SimPlatform platform, @TempDir Path home) {
        AdsStory story = new AdsStory(platform, home).manifestAnswers(Reply.status(503).body("maintenance").after(seconds(1)));

        story.appUpdatesAds();
        story.at(10);

        assertThat(story.done).as("how often \"done\" fired when the manifest could not be fetched").hasSize(1);
        AdsStory.Done done = story.done.get(0);
        assertThat(done.onMain()).as("\"done\" ran on the main thread").isTrue();
        assertThat(done.report().failed()).extracting(FailedDownload::name).as("what failed").containsExactly(UpdateReport.MANIFEST);
        assertThat(done.report().failed().get(0).reason()).as("why").contains("503");
        assertThat(story.downloadRequests()).as("downloads started without a manifest").isEmpty();
    }

    @Test
    @DisplayName("the manifest is not JSON: \"done\" still fires once, and says the manifest could not be read")
    @CatchesBug(Bugs.NO_DONE_WITHOUT_MANIFEST)
    void unreadableManifestStillEndsInDone(SimPlatform platform, @TempDir Path home) {
        AdsStory story = new AdsStory(platform, home).manifestAnswers(Reply.ok("<html>gateway</html>").after(seconds(1)));

        story.appUpdatesAds();
        story.at(10);

        assertThat(story.done).as("how often \"done\" fired when the manifest could not be read").hasSize(1);
        assertThat(story.done.get(0).report().failed()).singleElement().as("the failure reported")
                .matches(f -> f.name().equals(UpdateReport.MANIFEST) && f.reason().contains("could not be read"), "the manifest, unreadable");
    }

    @Test
    @DisplayName("hostile names in the manifest (../../etc/passwd, /etc/passwd, empty, .., sub/dir.png): each refused, nothing else lost")
    @CatchesBug(Bugs.FAILURES_NOT_RECORDED)
    void hostileNamesAreRefusedOneByOne(SimPlatform platform, @TempDir Path home) throws IOException {
        List<String> hostile = List.of("../../etc/passwd", "/etc/passwd", "", "..", "sub/dir.png", "..\\evil.png");
        String[] manifest = Stream.concat(Stream.of("good.png"), Stream.concat(hostile.stream(), Stream.of("ok-2.png"))).toArray(String[]::new);
        AdsStory story = new AdsStory(platform, home).manifestLists(manifest)
                .serves("good.png", image("good.png", 1)).serves("ok-2.png", image("ok-2.png", 2));

        story.appUpdatesAds();
        story.at(10);

        assertThat(story.done).as("how often \"done\" fired").hasSize(1);
        UpdateReport report = story.done.get(0).report();
        assertThat(report.failed()).extracting(FailedDownload::name).as("the names the report says were refused (" + report.summary() + ")")
                .containsExactlyInAnyOrderElementsOf(hostile);
        assertThat(report.failed()).as("each refusal says why").allMatch(f -> f.reason().contains("not a plain file name"), "names the bad name");
        assertThat(report.downloaded()).as("the good files, not lost because of the bad names").containsExactlyInAnyOrder("good.png", "ok-2.png");
        assertThat(story.downloadRequests()).extracting(Exchange::path).as("requests sent").containsExactlyInAnyOrder("/ads/good.png", "/ads/ok-2.png");
        try (Stream<Path> beside = Files.list(home)) {
            assertThat(beside.map(p -> p.getFileName().toString())).as("what is beside the ad directory").containsExactly("ads");
        }
        assertOnDiskExactly(story, "good.png", "ok-2.png");
    }

    @Test
    @DisplayName("the ad directory's path is taken by a file: every download fails with a clear reason, \"done\" still fires once")
    @CatchesBug(Bugs.FAILURES_NOT_RECORDED)
    void anUnwritableDirectoryFailsEachFileClearly(SimPlatform platform, @TempDir Path home) throws IOException {
        AdsStory story = new AdsStory(platform, home).manifestLists("a.png", "b.png")
                .serves("a.png", image("a.png", 1)).serves("b.png", image("b.png", 2));
        Files.delete(story.directory);
        Files.writeString(story.directory, "left over by an old version: not a directory");

        story.appUpdatesAds();
        story.at(10);

        assertThat(story.done).as("how often \"done\" fired").hasSize(1);
        UpdateReport report = story.done.get(0).report();
        assertThat(report.failed()).extracting(FailedDownload::name).as("the files reported as failed (" + report.summary() + ")")
                .containsExactlyInAnyOrder("a.png", "b.png");
        assertThat(report.failed()).as("each failure says why").allMatch(f -> f.reason().contains("cannot be written"), "the directory");
        assertThat(report.downloaded()).as("the files counted").isEmpty();
        assertThat(Files.readString(story.directory)).as("the file in the directory's place, untouched")
                .isEqualTo("left over by an old version: not a directory");
    }

    @Test
    @DisplayName("updateAdsAndWait called on the main thread: refuses at once with a sentence, starts nothing, never waits")
    @CatchesBug(Bugs.WAITS_ON_MAIN)
    void blockingVariantRefusesOnTheMainThread(SimPlatform platform, @TempDir Path home) {
        AdsStory story = new AdsStory(platform, home).manifestLists("a.png", "b.png")
                .serves("a.png", image("a.png", 1)).serves("b.png", image("b.png", 2));
        Object[] outcome = new Object[1];

        try {
            story.sim.runOnMain("the server's handler, wrongly on the main thread", () -> {
                try {
                    outcome[0] = story.updater.updateAdsAndWait(Duration.ofSeconds(2));
                } catch (RuntimeException | InterruptedException thrown) {
                    outcome[0] = thrown;
                }
            });
            story.at(10);
        } catch (DeadlockError deadlock) {
            throw new AssertionError("updateAdsAndWait, called on the main thread, deadlocked: it blocks the main thread"
                    + " waiting for the update, whose next steps are queued on the main thread behind it. Check for the"
                    + " main thread first, and refuse with an IllegalStateException.\n" + deadlock.getMessage(), deadlock);
        }

        assertThat(outcome[0]).as("what updateAdsAndWait did on the main thread: it must refuse with an IllegalStateException"
                + " (waiting with a timeout is no fix: it freezes the app until it times out)").isInstanceOf(IllegalStateException.class);
        String message = ((IllegalStateException) outcome[0]).getMessage();
        assertThat(message).as("the refusal's message: a sentence that says why (the main thread) and what to do instead")
                .isNotNull().containsIgnoringCase("main").matches("(?s)\\S+(\\s+\\S+){5,}.*");
        assertMainThreadNeverHung(story.sim);
        assertThat(story.network.exchanges()).as("requests started by a call that refused").isEmpty();
        assertThat(story.filesOnDisk()).as("files written by a call that refused").isEmpty();
    }

    private static Map<String, String> reasonsByName(UpdateReport report) {
        return report.failed().stream().collect(java.util.stream.Collectors.toMap(FailedDownload::name, FailedDownload::reason));
    }

    /** The ad directory holds exactly these files (no partial or leftover file), each with the server's bytes. */
    static void assertOnDiskExactly(AdsStory story, String... names) {
        Map<String, byte[]> onDisk = story.filesOnDisk();
        assertThat(onDisk.keySet()).as("the files in the ad directory (no partial download may be left behind)").containsExactlyInAnyOrder(names);
        for (String name : names) {
            assertThat(onDisk.get(name)).as("the bytes of " + name + " on disk, compared with the server's").isEqualTo(bytesOf(name));
        }
    }
}
