package dev.asynckatas.backgrounddownloads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asynckatas.kit.SimPlatform;
import dev.asynckatas.kit.device.DeadProcessCall;
import dev.asynckatas.kit.device.SimAppProcess;
import dev.asynckatas.kit.device.SimDevice;
import dev.asynckatas.kit.device.SimDownload;
import dev.asynckatas.kit.device.Wake;
import dev.asynckatas.kit.http.Reply;
import dev.asynckatas.kit.http.SimNetwork;
import dev.asynckatas.kit.sim.Simulation;
import dev.asynckatas.kit.sim.Violation;
import dev.asynckatas.kit.timeline.SwimLanes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Kata 06's story on the simulated device: a podcast server, the app's processes (each with its own downloads screen,
 * recorded here), the downloads folder, and what the user and the system do. Times are seconds since the start.
 */
final class PodcastStory {

    static final String SERVER = "https://cdn.test";
    /** Each episode's body arrives in this many pieces, half a second apart, after its latency: progress to show. */
    static final int CHUNKS = 4;

    /** What a process's screen was told. */
    enum Kind { PROGRESS, DOWNLOADED, FAILED }

    /**
     * One call on a downloads screen.
     *
     * @param process      the number of the process whose screen it was
     * @param processAlive whether that process was still alive
     * @param onMain       whether the call came on the main thread
     */
    record Report(Duration at, int process, boolean processAlive, boolean onMain, Kind kind, URI episode, Path file,
                  long received, long expected, String reason) {
        boolean isTerminal() {
            return kind != Kind.PROGRESS;
        }

        @Override
        public String toString() {
            String what = switch (kind) {
                case PROGRESS -> "progress " + received + "/" + expected;
                case DOWNLOADED -> "downloaded to " + file;
                case FAILED -> "failed (" + reason + ")";
            };
            return what + " by process #" + process + (onMain ? "" : " OFF the main thread") + (processAlive ? "" : " AFTER it was terminated")
                    + " at " + SwimLanes.format(at);
        }
    }

    final SimPlatform platform;
    final Simulation sim;
    final SimNetwork network;
    final SimDevice device;
    final Path home;
    final Path downloads;
    final List<Report> reports = new ArrayList<>();

    /** @param home a fresh folder: the device's disk goes to {@code home/device} */
    PodcastStory(SimPlatform platform, Path home) {
        this.platform = platform;
        this.sim = platform.sim();
        this.network = platform.network();
        this.home = home;
        this.downloads = home.resolve("device/app/Library/Caches/Episodes");
        this.device = SimDevice.builder(platform, home.resolve("device"))
                .app(process -> new PodcastApp(process, downloads, screenOf((SimAppProcess) process)))
                .build();
        try {
            Files.createDirectories(downloads);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- the server

    static URI episode(String path) {
        return URI.create(SERVER + path);
    }

    /** The server's bytes for an episode: different for every URL, a few hundred bytes. */
    static byte[] bytesOf(URI episode) {
        return ("ID3 audio of " + episode + " ").repeat(12).getBytes(StandardCharsets.UTF_8);
    }

    /** The episode, whole, in {@link #CHUNKS} pieces: the first {@code latency} seconds after it is asked for, then every 0.5 s. */
    static Reply audio(URI episode, double latency) {
        return Reply.status(200).header("Content-Type", "audio/mpeg").body(bytesOf(episode)).after(seconds(latency))
                .inChunks(CHUNKS, seconds(0.5));
    }

    /** When an episode served by {@link #audio} has arrived whole, after it was asked for. */
    static double audioTakes(double latency) {
        return latency + 0.5 * CHUNKS;
    }

    PodcastStory serves(URI episode, Reply reply) {
        network.on("GET", episode.getPath()).respond(reply);
        return this;
    }

    PodcastStory servesAudio(URI episode, double latency) {
        return serves(episode, audio(episode, latency));
    }

    // ---------------------------------------------------------------- what the user and the system do

    SimAppProcess userOpensApp() {
        return device.userOpensApp();
    }

    void tapDownloadAll(URI... episodes) {
        device.onMain("the user taps \"Download all\"", app -> ((PodcastApp) app).downloadAll(List.of(episodes)));
    }

    void userLeaves() {
        device.userLeavesApp();
    }

    /** Memory pressure: the system terminates the app (it is suspended). */
    void systemTerminatesApp() {
        device.systemTerminatesApp();
    }

    void at(double seconds) {
        sim.advanceTo(seconds(seconds));
    }

    static Duration seconds(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    private DownloadsView screenOf(SimAppProcess process) {
        return new DownloadsView() {
            @Override
            public void showProgress(URI episode, long received, long expected) {
                record(Kind.PROGRESS, episode, null, received, expected, null);
            }

            @Override
            public void showDownloaded(URI episode, Path file) {
                record(Kind.DOWNLOADED, episode, file, 0, 0, null);
            }

            @Override
            public void showFailed(URI episode, String reason) {
                record(Kind.FAILED, episode, null, 0, 0, reason);
            }

            private void record(Kind kind, URI episode, Path file, long received, long expected, String reason) {
                reports.add(new Report(sim.now(), process.number(), process.isAlive(), process.main().isCurrent(), kind, episode, file,
                        received, expected, reason));
                sim.checkMainThread("DownloadsView." + kind.name().toLowerCase(java.util.Locale.ROOT));
            }

            @Override
            public String toString() {
                return "the downloads screen of process #" + process.number();
            }
        };
    }

    // ---------------------------------------------------------------- what the tests look at

    List<Report> terminalReports(URI episode) {
        return reports.stream().filter(r -> r.isTerminal() && r.episode().equals(episode)).toList();
    }

    List<Report> progressOf(URI episode, int process) {
        return reports.stream().filter(r -> r.kind() == Kind.PROGRESS && r.episode().equals(episode) && r.process() == process).toList();
    }

    /** Every regular file in the downloads folder, with its bytes. */
    Map<String, byte[]> filesInDownloads() {
        Map<String, byte[]> files = new TreeMap<>();
        if (!Files.isDirectory(downloads)) {
            return files;
        }
        try (Stream<Path> all = Files.list(downloads)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                files.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** Every regular file under the test's folder that is not directly in the downloads folder (the system's files excepted). */
    List<Path> filesOutsideDownloads() {
        Path system = device.transferService().temporaryDirectory();
        try (Stream<Path> all = Files.walk(home)) {
            return all.filter(Files::isRegularFile).filter(p -> !downloads.equals(p.getParent())).filter(p -> !p.startsWith(system)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<SimDownload> downloadsOf(URI episode) {
        return device.transferService().downloads().stream().filter(d -> d.url().equals(episode)).toList();
    }

    // ---------------------------------------------------------------- verdicts, in the learner's terms

    /** Each episode is saved, once, in a file of its own inside the downloads folder, with the server's bytes; nothing else is there. */
    void assertSavedOnce(URI... episodes) {
        List<Path> files = new ArrayList<>();
        for (URI episode : episodes) {
            files.add(assertSaved(episode));
        }
        assertThat(files).as("the files reported for " + Arrays.toString(episodes) + ": one file per download").doesNotHaveDuplicates();
    }

    private Path assertSaved(URI episode) {
        List<Report> terminal = terminalReports(episode);
        if (terminal.isEmpty()) {
            throw new AssertionError(episode + " was never reported, neither downloaded nor failed: the download is lost." + diagnosis(episode));
        }
        if (terminal.size() > 1) {
            throw new AssertionError(episode + " was reported " + terminal.size() + " times: " + terminal + ". Each download must be"
                    + " reported exactly once." + diagnosis(episode));
        }
        Report report = terminal.get(0);
        if (report.kind() == Kind.FAILED) {
            throw new AssertionError(episode + " was reported as failed (\"" + report.reason() + "\"), though the server sent it whole"
                    + " with HTTP 200." + diagnosis(episode) + explainFolderMove(report.reason()));
        }
        Path file = report.file();
        assertThat(file).as(episode + " was reported downloaded to " + file + ": a file directly inside the downloads folder " + downloads)
                .isNotNull().matches(f -> downloads.equals(f.toAbsolutePath().normalize().getParent()), "inside the downloads folder");
        assertThat(Files.isRegularFile(file)).as(episode + " was reported downloaded to " + file + ", which is not there").isTrue();
        try {
            assertThat(Files.readAllBytes(file)).as("the bytes of " + file.getFileName() + " (" + episode + "), compared with the server's")
                    .isEqualTo(bytesOf(episode));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Each episode is reported failed, once, with a reason, and nothing of it is saved. */
    void assertFailedOnce(URI episode, String reasonMentions) {
        List<Report> terminal = terminalReports(episode);
        if (terminal.isEmpty()) {
            throw new AssertionError(episode + " failed on the server's side, and the app never reported it: the user waits for ever."
                    + diagnosis(episode));
        }
        if (terminal.size() > 1) {
            throw new AssertionError(episode + " was reported " + terminal.size() + " times: " + terminal + ". Report each download once.");
        }
        Report report = terminal.get(0);
        if (report.kind() == Kind.DOWNLOADED) {
            String saved = report.file() == null ? "" : readQuietly(report.file());
            throw new AssertionError(episode + " was reported downloaded, to " + report.file() + ", but the server did not send the episode ("
                    + reasonMentions + ")" + (saved.isEmpty() ? "" : ": the file holds \"" + abbreviate(saved) + "\"")
                    + ". For the session an HTTP error is a finished download: check task.response()'s status before saving.");
        }
        assertThat(report.reason()).as("the reason shown for " + episode).isNotBlank().containsIgnoringCase(reasonMentions);
    }

    /** Nothing was written outside the downloads folder, and the system kept no temporary file. */
    void assertNothingOutsideTheFolderAndNoTemporaryFile() {
        assertThat(filesOutsideDownloads()).as("files written outside the downloads folder " + downloads
                + " (a name from the server or the URL used as a path?)").isEmpty();
        assertThat(Files.isDirectory(downloads)).as("the downloads folder " + downloads + " is still a folder").isTrue();
        assertThat(device.transferService().temporaryFiles()).as("temporary files the system still holds").isEmpty();
    }

    /** No process's screen got a report after its process was terminated; nothing of a dead process was used. */
    void assertNothingReachedADeadProcess() {
        List<DeadProcessCall> calls = device.deadProcessCalls();
        if (!calls.isEmpty()) {
            throw new AssertionError("Something of a terminated process was used afterwards: " + calls + ". On iOS nothing of a terminated"
                    + " process survives it, closures in a static map included: the new process gets the session's events, and only"
                    + " the session-level delegate it opens can handle them.");
        }
        assertThat(reports).as("reports made on the screen of a process that was terminated").allMatch(Report::processAlive, "alive");
    }

    /** Every report came on the main thread. */
    void assertScreenOnlyOnMain() {
        assertThat(sim.violations(Violation.Kind.MAIN_THREAD_CHECKER)).as("UI used off the main thread").isEmpty();
        assertThat(reports).as("calls on the downloads screen, each with whether it came on the main thread").allMatch(Report::onMain, "on MAIN");
    }

    /**
     * Every wake: the completion handler called once, on the main thread, after the session's delegate heard
     * didFinishEvents, with no event of the session left to deliver; and so the app was suspended right away.
     */
    void assertEveryWakeEndedByTheHandlerOnceOnMainAfterItsLastEvent() {
        for (Wake wake : device.wakes()) {
            List<Wake.HandlerCall> calls = wake.handlerCalls();
            if (calls.isEmpty()) {
                throw new AssertionError("The system woke the app (" + wake + ") and its completion handler was never called: the system kept"
                        + " the app awake until its background time ran out. Keep the handler that handleEventsForBackgroundSession gets,"
                        + " and call it on the main thread once the session's delegate has heard didFinishEvents.");
            }
            Wake.HandlerCall first = calls.get(0);
            if (!first.onMain()) {
                throw new AssertionError("The completion handler of " + wake + " was called on " + first.lane() + ", not on the main thread:"
                        + " it belongs to UIKit, and must be called on the main thread.");
            }
            if (first.eventsStillUndelivered() > 0 || !first.afterFinishEvents()) {
                throw new AssertionError("The completion handler of " + wake + " was called before the session's events were handled ("
                        + first + "): the system suspends the app then, and the rest waits. Call it after didFinishEvents.");
            }
            if (calls.size() > 1) {
                throw new AssertionError("The completion handler of " + wake + " was called " + calls.size() + " times: call it exactly once.");
            }
        }
    }

    // ---------------------------------------------------------------- explanations

    /** What the system did with an episode's download, to explain a failure. */
    String diagnosis(URI episode) {
        List<SimDownload> tasks = downloadsOf(episode);
        if (tasks.isEmpty()) {
            return " The app never asked the session to download it.";
        }
        StringBuilder text = new StringBuilder();
        for (SimDownload task : tasks) {
            text.append(" The system's ").append(task).append('.');
            task.fileLeftAtTemporaryLocation().ifPresent(left -> {
                if (left) {
                    text.append(" When didFinishDownloading returned, the file was still at its temporary location, so the system"
                            + " deleted it: move it into the downloads folder before returning.");
                }
            });
            if (task.state() == dev.asynckatas.platform.TransferTask.State.COMPLETED && !task.completionDelivered()) {
                text.append(" Its events were not delivered yet: no running process had the session '").append(task.session())
                        .append("' open to receive them.");
            }
        }
        return text.toString();
    }

    /** If a reason says the app moved the download onto the folder itself, say why that always fails. */
    String explainFolderMove(String reason) {
        // The folder's own path, not a file inside it: the path followed by neither a separator nor more of a name.
        boolean namesTheFolder = reason != null && java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(downloads.toString())
                + "(?![/\\\\\\w.-])").matcher(reason).find();
        if (namesTheFolder && (reason.contains("FileAlreadyExists") || reason.contains("DirectoryNotEmpty") || reason.contains("exists"))) {
            return " The target of that move is the downloads folder itself (" + downloads.getFileName() + "): moving a file onto a"
                    + " folder always fails, because the target exists and is a folder. Move it to a file inside the folder,"
                    + " downloads.resolve(name).";
        }
        return "";
    }

    private static String readQuietly(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file) : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }

    static String describe(List<?> items) {
        return items.stream().map(Objects::toString).collect(Collectors.joining("; "));
    }
}
