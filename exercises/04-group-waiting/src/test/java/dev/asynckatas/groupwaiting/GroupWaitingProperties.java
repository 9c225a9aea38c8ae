package dev.asynckatas.groupwaiting;

import static dev.asynckatas.groupwaiting.AdsStory.image;
import static org.assertj.core.api.Assertions.assertThat;

import dev.asynckatas.kit.SimPlatform;
import dev.asynckatas.kit.http.Reply;
import dev.asynckatas.kit.junit.CatchesBug;
import dev.asynckatas.kit.sim.ScheduleStrategy;
import dev.asynckatas.kit.sim.Simulation;
import dev.asynckatas.kit.sim.TimelineReport;
import dev.asynckatas.kit.sim.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Kata 04's invariants over many updates: 0 to 12 files, each with its own latency and outcome, completing in
 * every order, with random interleavings where several complete at the same instant. A failure shows the
 * smallest update jqwik could find, with its timeline.
 */
class GroupWaitingProperties {

    /** What the server does with one file. */
    enum Outcome {
        SAVED, NOT_FOUND, SERVER_ERROR, CONNECTION_RESET, CUT_SHORT;

        Reply reply(String name, double latency) {
            return switch (this) {
                case SAVED -> image(name, latency);
                case NOT_FOUND -> Reply.status(404).after(AdsStory.seconds(latency));
                case SERVER_ERROR -> Reply.status(500).body("oops").after(AdsStory.seconds(latency));
                case CONNECTION_RESET -> Reply.connectionReset().after(AdsStory.seconds(latency));
                case CUT_SHORT -> image(name, latency).inChunks(3, Duration.ofMillis(200)).cutShortAfter(10);
            };
        }
    }

    /** One file: what happens to it, and after how many tenths of a second. */
    record Download(Outcome outcome, int tenths) {
        @Override
        public String toString() {
            return outcome + " after " + tenths / 10.0 + " s";
        }
    }

    /**
     * @param downloads the files of the manifest, in its order ({@code ad-0.png}, {@code ad-1.png}, ...)
     * @param schedule  choices where several lanes are ready at once (0 = first come, first served)
     */
    record Update(List<Download> downloads, List<Integer> schedule) {
    }

    @Property(seed = "20260404", tries = 80)
    @Label("any update of 0 to 12 files: \"done\" exactly once, on MAIN, when the last download ends; count = successes = files on disk")
    @CatchesBug(Bugs.DONE_TOO_EARLY)
    void doneOnceAfterAllOnMainCountingTheSuccesses(@ForAll("updates") Update update) throws IOException {
        Path home = Files.createTempDirectory("kata04-");
        try {
            Simulation sim = Simulation.builder().strategy(ScheduleStrategy.scripted(update.schedule())).build();
            TimelineReport.attachOnFailure(sim, () -> check(update, new AdsStory(SimPlatform.on(sim), home)));
        } finally {
            deleteRecursively(home);
        }
    }

    private static void check(Update update, AdsStory story) {
        List<String> names = IntStream.range(0, update.downloads().size()).mapToObj(i -> "ad-" + i + ".png").toList();
        story.manifestLists(names.toArray(String[]::new));
        List<String> saved = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Download download = update.downloads().get(i);
            story.serves(names.get(i), download.outcome().reply(names.get(i), download.tenths() / 10.0));
            if (download.outcome() == Outcome.SAVED) {
                saved.add(names.get(i));
            }
        }

        story.appUpdatesAds();
        story.at(60);

        Duration lastEnded = story.lastDownloadEnded().orElse(AdsStory.MANIFEST_LATENCY);
        assertThat(story.done).as("calls of \"done\" (each download must leave the group exactly once)").hasSizeLessThanOrEqualTo(1);
        assertThat(story.done).as("calls of \"done\" for " + names.size() + " file(s): it must fire once every download has"
                + " finished or failed").hasSize(1);
        AdsStory.Done done = story.done.get(0);
        assertThat(done.stillDownloading()).as("the downloads still running when \"done\" fired (" + done + "): \"done\" must"
                + " wait until every download has finished or failed").isEmpty();
        assertThat(done.at()).as("when \"done\" fired (" + done + "), compared with when the last download ended")
                .isGreaterThanOrEqualTo(lastEnded);
        assertThat(done.at()).as("when \"done\" fired, compared with when the last download ended: as soon as it ended")
                .isEqualTo(lastEnded);
        assertThat(done.onMain()).as("\"done\" ran on the main thread").isTrue();
        assertThat(done.report().total()).as("N in the report").isEqualTo(names.size());
        assertThat(done.report().downloaded()).as("the files counted as downloaded").containsExactlyInAnyOrderElementsOf(saved);
        assertThat(done.report().failed()).extracting(FailedDownload::name).as("the files reported as failed")
                .containsExactlyInAnyOrderElementsOf(names.stream().filter(n -> !saved.contains(n)).toList());
        assertThat(story.filesOnDisk().keySet()).as("the files on disk: exactly the ones counted").containsExactlyInAnyOrderElementsOf(saved);
        assertThat(story.sim.uncaughtExceptions()).as("exceptions nobody caught (a leave too many?)").isEmpty();
        assertThat(story.sim.violations(Violation.Kind.MAIN_THREAD_HANG)).as("main-thread hangs").isEmpty();
    }

    @Provide
    Arbitrary<Update> updates() {
        Arbitrary<Download> download = Combinators.combine(
                Arbitraries.of(Outcome.class),
                Arbitraries.integers().between(0, 100)
        ).as(Download::new);
        return Combinators.combine(
                download.list().ofMaxSize(12), // few files are enough for every order and outcome; many only cost time
                Arbitraries.integers().between(0, 5).list().ofMaxSize(12)
        ).as(Update::new);
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
