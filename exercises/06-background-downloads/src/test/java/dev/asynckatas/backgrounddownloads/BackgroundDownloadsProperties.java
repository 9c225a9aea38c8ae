package dev.asynckatas.backgrounddownloads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asynckatas.kit.SimPlatform;
import dev.asynckatas.kit.device.SimAppProcess;
import dev.asynckatas.kit.http.Reply;
import dev.asynckatas.kit.junit.CatchesBug;
import dev.asynckatas.kit.sim.ScheduleStrategy;
import dev.asynckatas.kit.sim.Simulation;
import dev.asynckatas.kit.sim.TimelineReport;
import dev.asynckatas.platform.Application;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Kata 06's invariants over many stories: up to 6 episodes, each with its own latency and outcome, and the user leaving
 * and coming back, the system terminating the app (while it is suspended, as memory pressure does), at random times,
 * with random interleavings where several things happen at the same instant. At the end the user opens the app once
 * more. Each property checks one invariant, so a failure names one bug; it shows the smallest story jqwik could find,
 * with its timeline.
 */
class BackgroundDownloadsProperties {

    /** What the server does with one episode. */
    enum Outcome { SAVED, NOT_FOUND, SERVER_ERROR, CONNECTION_RESET, CUT_SHORT }

    /** The file name the server (or the URL) suggests. */
    enum Name { PLAIN, SAME_AS_ANOTHER, TRAVERSAL, ENCODED, ABSOLUTE, EMPTY, DOTS }

    /** What the user or the system does. */
    enum Move { LEAVE, OPEN, TERMINATE }

    record Download(Outcome outcome, Name name, int tenths) {
        @Override
        public String toString() {
            return outcome + (name == Name.PLAIN ? "" : " named " + name) + " after " + tenths / 10.0 + " s";
        }
    }

    record Action(int tenths, Move move) {
        @Override
        public String toString() {
            return move + " at " + tenths / 10.0 + " s";
        }
    }

    /**
     * @param downloads the episodes the user downloads at 0 s
     * @param actions   what the user and the system do, in time order
     * @param schedule  choices where several lanes are ready at once (0 = first come, first served)
     */
    record Story(List<Download> downloads, List<Action> actions, List<Integer> schedule) {
    }

    @Property(seed = "20260606", tries = 40)
    @Label("any story: every episode that arrives whole is saved once, inside the folder, with the server's bytes, and reported once")
    @CatchesBug(Bugs.LOST_IN_A_NEW_PROCESS)
    void everyWholeEpisodeIsSavedOnce(@ForAll("stories") Story story) {
        play(story, run -> {
            for (int i = 0; i < story.downloads().size(); i++) {
                if (story.downloads().get(i).outcome() == Outcome.SAVED) {
                    run.story().assertSavedOnce(run.episodes().get(i));
                }
            }
        });
    }

    @Property(seed = "20260606", tries = 40)
    @Label("any story: every episode that fails is reported failed once, with its HTTP status if it had one, and leaves no file")
    @CatchesBug(Bugs.HTTP_ERROR_SAVED)
    void everyFailureIsReportedOnceWithoutAFile(@ForAll("stories") Story story) {
        play(story, run -> {
            for (int i = 0; i < story.downloads().size(); i++) {
                Outcome outcome = story.downloads().get(i).outcome();
                switch (outcome) {
                    case NOT_FOUND -> run.story().assertFailedOnce(run.episodes().get(i), "404");
                    case SERVER_ERROR -> run.story().assertFailedOnce(run.episodes().get(i), "500");
                    case CONNECTION_RESET, CUT_SHORT -> run.story().assertFailedOnce(run.episodes().get(i), "");
                    case SAVED -> {
                    }
                }
            }
        });
    }

    @Property(seed = "20260606", tries = 40)
    @Label("any story: every time the system wakes the app, its completion handler is called once, on MAIN, after that wake's last event")
    @CatchesBug(Bugs.HANDLER_NEVER_CALLED)
    void everyWakeEndsWithOneHandlerCall(@ForAll("stories") Story story) {
        play(story, run -> run.story().assertEveryWakeEndedByTheHandlerOnceOnMainAfterItsLastEvent());
    }

    @Property(seed = "20260606", tries = 40)
    @Label("any story with hostile names: nothing is written outside the downloads folder, and no episode overwrites another")
    @CatchesBug(Bugs.UNSAFE_NAMES)
    void hostileNamesNeverLeaveTheFolder(@ForAll("storiesWithHostileNames") Story story) {
        play(story, run -> {
            assertThat(run.story().filesOutsideDownloads()).as("files written outside the downloads folder " + run.story().downloads
                    + ": a name from the server or the URL was used as a path").isEmpty();
            Map<Path, URI> owners = new HashMap<>();
            for (PodcastStory.Report report : run.story().reports) {
                if (report.kind() == PodcastStory.Kind.DOWNLOADED) {
                    URI before = owners.putIfAbsent(report.file(), report.episode());
                    assertThat(before).as(report.episode() + " was saved to " + report.file() + ", the file of " + before
                            + " already: two episodes with the same name must get two files").isNull();
                    assertThat(readQuietly(report.file())).as("the bytes of " + report.file() + ", reported as " + report.episode())
                            .isEqualTo(PodcastStory.bytesOf(report.episode()));
                }
            }
        });
    }

    private static byte[] readQuietly(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException | RuntimeException e) {
            return new byte[0];
        }
    }

    @Property(seed = "20260606", tries = 40)
    @Label("any story: nothing reaches a terminated process, the screen is only used on MAIN, and no temporary file is left")
    void nothingReachesADeadProcessAndNothingIsLeftBehind(@ForAll("stories") Story story) {
        play(story, run -> {
            run.story().assertNothingReachedADeadProcess();
            run.story().assertScreenOnlyOnMain();
            assertThat(run.story().device.transferService().temporaryFiles()).as("temporary files the system still holds").isEmpty();
        });
    }

    // ---------------------------------------------------------------- playing a story

    record Run(PodcastStory story, List<URI> episodes) {
    }

    /**
     * One folder for every story of this class, emptied of files before each: creating and removing folders is slow on
     * some disks (milliseconds each), and a story needs a handful; files are cheap to delete.
     */
    private static Path home;

    private static void play(Story story, Consumer<Run> check) {
        Path folder = freshHome();
        Simulation sim = Simulation.builder().strategy(ScheduleStrategy.scripted(story.schedule())).build();
        TimelineReport.attachOnFailure(sim, () -> check.accept(run(story, new PodcastStory(SimPlatform.on(sim), folder), folder)));
    }

    private static synchronized Path freshHome() {
        try {
            if (home == null) {
                home = Files.createTempDirectory("kata06-");
            }
            try (Stream<Path> all = Files.walk(home)) {
                for (Path file : all.filter(Files::isRegularFile).toList()) {
                    Files.delete(file);
                }
            }
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterContainer
    static void removeHome() {
        if (home != null) {
            deleteRecursively(home);
            home = null;
        }
    }

    private static Run run(Story story, PodcastStory podcast, Path home) {
        List<URI> episodes = new ArrayList<>();
        for (int i = 0; i < story.downloads().size(); i++) {
            Download download = story.downloads().get(i);
            URI episode = PodcastStory.episode(path(download.name(), i));
            episodes.add(episode);
            podcast.serves(episode, reply(download, episode, home, i));
        }
        podcast.userOpensApp();
        podcast.tapDownloadAll(episodes.toArray(URI[]::new));
        for (Action action : story.actions()) {
            podcast.at(action.tenths() / 10.0);
            switch (action.move()) {
                case LEAVE -> podcast.userLeaves();
                case OPEN -> podcast.userOpensApp();
                case TERMINATE -> terminateIfSuspendedAndIdle(podcast);
            }
        }
        podcast.at(100);
        podcast.userOpensApp(); // whatever is left to deliver goes to the app the user opens
        podcast.at(120);
        return new Run(podcast, episodes);
    }

    /**
     * Memory pressure: the system terminates a suspended app. Not while a report is still queued for its main thread: that
     * report would die with the screen, a loss no code in the app could prevent (see the lesson's "What these tests cannot
     * see").
     */
    private static void terminateIfSuspendedAndIdle(PodcastStory podcast) {
        SimAppProcess process = podcast.device.process().orElse(null);
        boolean mainIdle = podcast.sim.pending().stream().noneMatch(task -> task.lane() == podcast.sim.main());
        if (process != null && process.state() == Application.State.SUSPENDED && mainIdle) {
            podcast.systemTerminatesApp();
        }
    }

    private static String path(Name name, int i) {
        return switch (name) {
            case SAME_AS_ANOTHER -> "/mirror-" + i + "/ep-0.mp3";
            case ENCODED -> "/show/%2e%2e%2f%2e%2e%2fencoded-" + i + ".mp3";
            default -> "/show/ep-" + i + ".mp3";
        };
    }

    private static Reply reply(Download download, URI episode, Path home, int i) {
        double latency = download.tenths() / 10.0;
        Reply reply = switch (download.outcome()) {
            case SAVED -> PodcastStory.audio(episode, latency);
            case NOT_FOUND -> Reply.status(404).body("<h1>Not Found</h1>").after(PodcastStory.seconds(latency));
            case SERVER_ERROR -> Reply.status(500).body("Internal Server Error").after(PodcastStory.seconds(latency));
            case CONNECTION_RESET -> Reply.connectionReset().after(PodcastStory.seconds(latency));
            case CUT_SHORT -> PodcastStory.audio(episode, latency).cutShortAfter(50);
        };
        String disposition = switch (download.name()) {
            case TRAVERSAL -> "../../climb-" + i + ".mp3";
            case ABSOLUTE -> home.resolve("absolute-" + i + ".mp3").toString();
            case EMPTY -> "";
            case DOTS -> "..";
            default -> null;
        };
        return disposition == null ? reply : reply.header("Content-Disposition", "attachment; filename=\"" + disposition + "\"");
    }

    // ---------------------------------------------------------------- generators

    @Provide
    Arbitrary<Story> stories() {
        return stories(Arbitraries.just(Name.PLAIN));
    }

    @Provide
    Arbitrary<Story> storiesWithHostileNames() {
        return stories(Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(Name.PLAIN)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(Name.SAME_AS_ANOTHER, Name.TRAVERSAL, Name.ENCODED, Name.ABSOLUTE, Name.EMPTY, Name.DOTS))));
    }

    private static Arbitrary<Story> stories(Arbitrary<Name> names) {
        Arbitrary<Download> download = Combinators.combine(
                Arbitraries.of(Outcome.class), names, Arbitraries.integers().between(0, 300)).as(Download::new);
        Arbitrary<Action> action = Combinators.combine(
                Arbitraries.integers().between(0, 400), Arbitraries.of(Move.class)).as(Action::new);
        return Combinators.combine(
                download.list().ofMinSize(1).ofMaxSize(6),
                action.list().ofMaxSize(6).map(list -> list.stream().sorted(Comparator.comparingInt(Action::tenths)).toList()),
                Arbitraries.integers().between(0, 5).list().ofMaxSize(12)
        ).as(Story::new);
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
