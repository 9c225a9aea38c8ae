package dev.asynckatas.backgrounddownloads;

import dev.asynckatas.platform.AppProcess;
import dev.asynckatas.platform.MainThread;
import dev.asynckatas.platform.TransferResponse;
import dev.asynckatas.platform.TransferSession;
import dev.asynckatas.platform.TransferTask;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Downloads episodes on the system's background session. Nothing is kept per download: a download may end in another
 * process of the app, which has none of this one's objects. The session's delegate tells the episodes apart by the
 * task itself (its URL), and does all the work: each finished file is moved, before the callback returns, to a file
 * with a safe name inside the downloads folder; every download is reported once, downloaded or failed.
 */
final class EpisodeDownloader implements TransferSession.Delegate {

    static final String SESSION = "com.example.podcasts.background";

    /** Longest file name kept from the server's suggestion (most file systems allow 255 bytes). */
    private static final int MAX_NAME = 100;

    private final MainThread main;
    private final Path downloads;
    private final DownloadsView view;
    private final Runnable onEventsHandled;
    private final TransferSession session;

    /**
     * Opens the background session: its delegate queue, a serial queue of the session's own, runs the callbacks below.
     *
     * @param onEventsHandled run on the session's delegate queue when every event of a wake has been delivered
     */
    EpisodeDownloader(AppProcess process, Path downloads, DownloadsView view, Runnable onEventsHandled) {
        this.main = process.main();
        this.downloads = downloads;
        this.view = view;
        this.onEventsHandled = onEventsHandled;
        this.session = process.transfers().backgroundSession(SESSION, this);
    }

    /** Starts downloading every episode. Nothing to remember: the session's delegate does the rest, in any process. */
    void download(List<URI> episodes) {
        for (URI episode : episodes) {
            session.download(episode);
        }
    }

    /** After a launch: shows the downloads the session is still running (their progress went on without the app). */
    void showDownloadsInProgress() {
        session.allTasks().thenAccept(tasks -> {
            for (TransferTask task : tasks) {
                if (task.state() == TransferTask.State.RUNNING) {
                    showProgress(task.originalRequest(), task.countOfBytesReceived(), task.countOfBytesExpectedToReceive());
                }
            }
        });
    }

    @Override
    public void didWriteData(TransferTask task, long bytesWritten, long totalBytesWritten, long totalBytesExpectedToWrite) {
        showProgress(task.originalRequest(), totalBytesWritten, totalBytesExpectedToWrite);
    }

    @Override
    public void didFinishDownloading(TransferTask task, Path location) {
        URI episode = task.originalRequest();
        TransferResponse response = task.response().orElse(null);
        if (response == null || response.statusCode() < 200 || response.statusCode() > 299) {
            // An HTTP error is a "finished download" for the session: its body is an error page, not the episode.
            String reason = "the server answered HTTP " + (response == null ? "nothing" : response.statusCode());
            main.execute(() -> view.showFailed(episode, reason));
            return;
        }
        try {
            // Now, before returning: the system deletes the file at location as soon as this method returns.
            Path file = moveIntoDownloads(location, safeName(response.suggestedFilename(), task.identifier()));
            main.execute(() -> view.showDownloaded(episode, file));
        } catch (IOException | RuntimeException cannotSave) {
            String reason = "the episode could not be saved in the downloads folder: " + cannotSave;
            main.execute(() -> view.showFailed(episode, reason));
        }
    }

    @Override
    public void didComplete(TransferTask task, IOException error) {
        // Without an error the response arrived whole, and didFinishDownloading has reported it.
        if (error != null) {
            URI episode = task.originalRequest();
            String reason = "the download failed: " + error.getMessage();
            main.execute(() -> view.showFailed(episode, reason));
        }
    }

    @Override
    public void didFinishEvents(TransferSession session) {
        // WRONG FIX (see the README beside src/): the app hands its handler to the main thread itself, from here.
        onEventsHandled.run();
    }

    private void showProgress(URI episode, long received, long expected) {
        main.execute(() -> view.showProgress(episode, received, expected));
    }

    /**
     * Moves the download to a file inside the downloads folder, never over an existing one: {@code name}, else
     * {@code name (2)}, {@code name (3)}... The move fails rather than overwrite, so two downloads never share a file.
     */
    private Path moveIntoDownloads(Path location, String name) throws IOException {
        for (int n = 1; ; n++) {
            Path file = downloads.resolve(n == 1 ? name : numbered(name, n));
            if (!downloads.equals(file.getParent())) {
                throw new IOException("the name \"" + name + "\" does not make a file inside the downloads folder");
            }
            try {
                return Files.move(location, file);
            } catch (FileAlreadyExistsException taken) {
                if (n == 1000) {
                    throw taken;
                }
            }
        }
    }

    /**
     * A plain file name from the server's suggestion, which may be anything: the part after the last {@code /} or
     * {@code \} (so no path, absolute or relative), without control characters; a name that is empty, or starts with a
     * dot ({@code .}, {@code ..}, hidden files), becomes {@code episode-<task>}.
     */
    static String safeName(String suggested, long taskIdentifier) {
        String name = suggested == null ? "" : suggested;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.replaceAll("\\p{Cntrl}", "").strip();
        if (name.isEmpty() || name.startsWith(".")) {
            return "episode-" + taskIdentifier;
        }
        return name.length() <= MAX_NAME ? name : name.substring(name.length() - MAX_NAME);
    }

    private static String numbered(String name, int n) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) + " (" + n + ")" + name.substring(dot) : name + " (" + n + ")";
    }
}
