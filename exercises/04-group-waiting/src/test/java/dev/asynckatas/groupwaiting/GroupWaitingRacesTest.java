package dev.asynckatas.groupwaiting;

import dev.asynckatas.kit.junit.CatchesBug;
import dev.asynckatas.kit.races.RaceCheck;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Kata 04 on real threads, where the simulation cannot look: the JDK's client completes each download on a thread of
 * its own, so two downloads that finish at the same instant run their completions side by side, statement by
 * statement. A model checker explores how those statements interleave (see {@link RaceCheck}); the simulation runs
 * each completion whole and can only order them.
 */
class GroupWaitingRacesTest {

    /**
     * The checker tries the two completions' steps in an order of its own, the same at every run: the lost tally shows
     * at the 6th interleaving. A correct update costs all of them, each about 25 ms of CPU after a fixed cost of about
     * 1.5 s (the checker instruments every class the update touches, CompletableFuture's and the HTTP client's
     * included), so this budget keeps the test near 2 s.
     */
    static final int INTERLEAVINGS = 20;

    /** Made here, outside the check: the model checker refuses every method of a Path, even resolve. */
    private static final Path ADS = Path.of("ads");
    private static final Map<String, Path> TARGETS = Map.of("a.png", ADS.resolve("a.png"), "b.png", ADS.resolve("b.png"));
    private static final Path PART = ADS.resolve(".download.part");
    /** What the checker says when the code under test touches the file system itself. */
    private static final String NO_FILES = "File operations are not supported";

    @Test
    @DisplayName("a.png and b.png finish at the same instant on two client threads: \"done\" fires once, and counts both")
    @CatchesBug(Bugs.DONE_TOO_EARLY)
    void resultsCountedFromSeveralThreadsAreAllCounted() {
        RaceCheck.of(TwoDownloads::new)
                .stateOutsideTheModel() // the app's update up to both requests sent: one thread, nothing to explore
                .thread("a.png arrives", update -> update.a.answer())
                .thread("b.png arrives", update -> update.b.answer())
                .invariant("The update reads the ad directory itself (the report says \"" + NO_FILES + "\"): this test"
                        + " cannot follow the file system, and the report must count what the downloads said, not what is"
                        + " on disk", TwoDownloads::leavesTheDiskToTheApi,
                        "counts the files on disk instead of what the downloads reported")
                .invariant("\"done\" fires once, and only after both downloads have finished: waiting for the code that starts"
                        + " them is not waiting for the downloads", TwoDownloads::doneOnceAfterBoth, Bugs.DONE_TOO_EARLY)
                .invariant("The report counts both files, a.png and b.png: two client threads that add to one tally at the"
                        + " same moment without a lock lose one of them (or throw)", TwoDownloads::countsBoth,
                        "adds to the tally from the client's threads without a lock: two downloads that finish together are"
                        + " counted as one")
                .interleavings(INTERLEAVINGS)
                .check();
    }

    /**
     * The app's update of two ads, a.png and b.png, up to the moment both requests have left: the app asked on the main
     * thread, the manifest came at once, and a correct update has started both downloads. Built for every interleaving.
     */
    static final class TwoDownloads {
        final RaceHttpClient http = new RaceHttpClient("[\"a.png\",\"b.png\"]");
        final SerialMain main = new SerialMain();
        /** Each call of onDone: the report, and whether both downloads had finished by then. Main thread only. */
        final List<Done> done = new ArrayList<>();
        final RaceHttpClient.Exchange<?> a;
        final RaceHttpClient.Exchange<?> b;

        record Done(UpdateReport report, boolean bothFinished) {
        }

        TwoDownloads() {
            AdsApi api = new AdsApi(http, URI.create("https://ads.test"), new RaceDisk(TARGETS, PART));
            AdUpdater updater = new AdUpdater(api, ADS, new InlineExecutorService(), main);
            main.execute(() -> updater.updateAds(report -> done.add(new Done(report, bothAnswered()))));
            a = http.exchangeFor("a.png");
            b = http.exchangeFor("b.png");
        }

        private boolean bothAnswered() {
            return a != null && b != null && a.isDone() && b.isDone();
        }

        boolean leavesTheDiskToTheApi() {
            return done.stream().flatMap(d -> d.report().failed().stream()).noneMatch(f -> f.reason().contains(NO_FILES));
        }

        boolean doneOnceAfterBoth() {
            return done.size() == 1 && done.get(0).bothFinished();
        }

        boolean countsBoth() {
            UpdateReport report = done.get(0).report();
            return report.total() == 2 && report.downloaded().size() == 2 && Set.copyOf(report.downloaded()).equals(Set.of("a.png", "b.png"));
        }
    }
}
