package dev.asynckatas.backgrounddownloads;

import dev.asynckatas.platform.AppProcess;
import dev.asynckatas.platform.MainThread;
import dev.asynckatas.platform.TransferSession;
import dev.asynckatas.platform.TransferTask;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Downloads episodes on the system's background session, so that they go on when the user leaves the app: the
 * Alamofire {@code SessionManager} of the original, with a background configuration.
 *
 * <p>KATA 06: what to do with each download is given when it starts (Alamofire's {@code downloadProgress { }} and
 * {@code response { }} closures); the session-level code below is the accepted answer's. See {@link PodcastApp}.
 */
final class EpisodeDownloader implements TransferSession.Delegate {

    static final String SESSION = "com.example.podcasts.background";

    /** What to do as one download progresses, finishes and fails: given when it starts. */
    private record Callbacks(Consumer<TransferTask> progress, BiConsumer<TransferTask, Path> finished, Consumer<IOException> failed) {
    }

    private final MainThread main;
    private final Path downloads;
    private final DownloadsView view;
    private final TransferSession session;
    private final Map<Long, Callbacks> callbacks = new HashMap<>();

    EpisodeDownloader(AppProcess process, Path downloads, DownloadsView view) {
        this.main = process.main();
        this.downloads = downloads;
        this.view = view;
        this.session = process.transfers().backgroundSession(SESSION, this);
    }

    /** Starts downloading every episode. On the main thread. */
    void download(List<URI> episodes) {
        for (URI episode : episodes) {
            TransferTask task = session.download(episode);
            // Alamofire.download(url, to: destination).downloadProgress { ... }.response { ... }
            callbacks.put(task.identifier(), new Callbacks(
                    progress -> main.execute(() -> view.showProgress(episode, progress.countOfBytesReceived(),
                            progress.countOfBytesExpectedToReceive())),
                    (finished, location) -> {
                        // The destination: the file name the server suggests, in the downloads folder.
                        Path file = downloads.resolve(finished.response().orElseThrow().suggestedFilename());
                        try {
                            Files.move(location, file);
                            main.execute(() -> view.showDownloaded(episode, file));
                        } catch (IOException e) {
                            main.execute(() -> view.showFailed(episode, "could not save the episode: " + e));
                        }
                    },
                    error -> main.execute(() -> view.showFailed(episode, error.getMessage()))));
        }
    }

    @Override
    public void didWriteData(TransferTask task, long bytesWritten, long totalBytesWritten, long totalBytesExpectedToWrite) {
        Callbacks callback = callbacks.get(task.identifier());
        if (callback != null) {
            callback.progress().accept(task);
        }
    }

    @Override
    public void didFinishDownloading(TransferTask task, Path location) {
        Callbacks callback = callbacks.get(task.identifier());
        if (callback != null) {
            callback.finished().accept(task, location);
            return;
        }
        // The accepted answer's session-level closure, for a download whose callbacks are gone.
        try {
            Files.move(location, downloads);
        } catch (IOException e) {
            main.execute(() -> view.showFailed(task.originalRequest(), "could not save the episode: " + e));
        }
    }

    @Override
    public void didComplete(TransferTask task, IOException error) {
        Callbacks callback = callbacks.remove(task.identifier());
        if (error == null) {
            return;
        }
        if (callback != null) {
            callback.failed().accept(error);
        } else {
            main.execute(() -> view.showFailed(task.originalRequest(), error.getMessage()));
        }
    }
}
