package dev.asynckatas.backgrounddownloads;

import dev.asynckatas.platform.AppDelegate;
import dev.asynckatas.platform.AppProcess;
import dev.asynckatas.platform.MainThread;
import dev.asynckatas.platform.TransferSession;
import dev.asynckatas.platform.TransferTask;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The app's delegate and the background session's, in one object built at every launch. Nothing is kept per download;
 * the completion handlers the system hands over are kept by session identifier, on the main thread.
 */
public final class PodcastApp implements AppDelegate, TransferSession.Delegate {

    private static final String SESSION = "com.example.podcasts.background";

    private final AppProcess process;
    private final MainThread main;
    private final Path downloads;
    private final DownloadsView view;
    /** The completion handlers of the wakes in progress, by session identifier: main thread only. */
    private final Map<String, Runnable> completionHandlers = new HashMap<>();
    private TransferSession session;

    public PodcastApp(AppProcess process, Path downloads, DownloadsView view) {
        this.process = process;
        this.main = process.main();
        this.downloads = downloads;
        this.view = view;
    }

    @Override
    public void didFinishLaunching() {
        session = process.transfers().backgroundSession(SESSION, this);
        session.allTasks().thenAccept(tasks -> tasks.stream().filter(t -> t.state() == TransferTask.State.RUNNING)
                .forEach(t -> progress(t.originalRequest(), t.countOfBytesReceived(), t.countOfBytesExpectedToReceive())));
    }

    @Override
    public void handleEventsForBackgroundSession(String identifier, Runnable completionHandler) {
        completionHandlers.put(identifier, completionHandler);
    }

    public void downloadAll(List<URI> episodes) {
        episodes.forEach(session::download);
    }

    @Override
    public void didWriteData(TransferTask task, long bytesWritten, long totalBytesWritten, long totalBytesExpectedToWrite) {
        progress(task.originalRequest(), totalBytesWritten, totalBytesExpectedToWrite);
    }

    @Override
    public void didFinishDownloading(TransferTask task, Path location) {
        URI episode = task.originalRequest();
        int status = task.response().map(r -> r.statusCode()).orElse(0);
        if (status / 100 != 2) {
            main.execute(() -> view.showFailed(episode, "HTTP " + status + " instead of the episode"));
            return;
        }
        try {
            Path file = reserveFileFor(task.response().orElseThrow().suggestedFilename(), task.identifier());
            try {
                Files.move(location, file, StandardCopyOption.REPLACE_EXISTING); // onto the empty file reserved for it
            } catch (IOException | RuntimeException moveFailed) {
                Files.deleteIfExists(file);
                throw moveFailed;
            }
            main.execute(() -> view.showDownloaded(episode, file));
        } catch (IOException | RuntimeException failed) {
            main.execute(() -> view.showFailed(episode, "could not save it: " + failed));
        }
    }

    @Override
    public void didComplete(TransferTask task, IOException error) {
        if (error != null) {
            main.execute(() -> view.showFailed(task.originalRequest(), "download failed: " + error.getMessage()));
        }
    }

    @Override
    public void didFinishEvents(TransferSession finished) {
        main.execute(() -> {
            Runnable handler = completionHandlers.remove(finished.identifier());
            if (handler != null) {
                handler.run();
            }
        });
    }

    private void progress(URI episode, long received, long expected) {
        main.execute(() -> view.showProgress(episode, received, expected));
    }

    /** Creates an empty file under a free, plain name inside the folder: createFile fails when the name is taken. */
    private Path reserveFileFor(String suggested, long task) throws IOException {
        String[] parts = suggested.replaceAll("\\p{Cntrl}", "").split("[/\\\\]", -1);
        String plain = parts[parts.length - 1].strip();
        String kept = plain.length() <= 120 ? plain : plain.substring(plain.length() - 120); // file systems take 255 bytes at most: keep the end, and the extension
        String name = kept.isEmpty() || kept.startsWith(".") ? "episode-" + task : kept;
        for (int n = 1; n < 1000; n++) {
            Path candidate = downloads.resolve(n == 1 ? name : n + "-" + name);
            if (!downloads.equals(candidate.getParent())) {
                throw new IOException("no plain file name in \"" + suggested + "\"");
            }
            try {
                return Files.createFile(candidate);
            } catch (FileAlreadyExistsException taken) {
                // the next number
            }
        }
        throw new IOException("no free file name for \"" + suggested + "\"");
    }
}
