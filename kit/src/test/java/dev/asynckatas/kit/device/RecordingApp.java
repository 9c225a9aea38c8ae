package dev.asynckatas.kit.device;

import dev.asynckatas.platform.AppDelegate;
import dev.asynckatas.platform.AppProcess;
import dev.asynckatas.platform.TransferSession;
import dev.asynckatas.platform.TransferTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * A small app for the kit's tests: opens the session {@link #SESSION} at every launch, moves each finished download
 * into {@code Caches/} under the task's number, keeps the completion handler and calls it on the main thread after
 * {@code didFinishEvents}; every call it gets is written to a log shared by all its processes.
 */
class RecordingApp implements AppDelegate, TransferSession.Delegate {

    static final String SESSION = "test.downloads";

    final AppProcess process;
    private final int number;
    private final List<String> log;
    private final boolean movesFiles;
    private Consumer<RecordingApp> onFinishDownloading = app -> { };
    TransferSession session;
    Runnable completionHandler;

    RecordingApp(AppProcess process, int number, List<String> log, boolean movesFiles) {
        this.process = process;
        this.number = number;
        this.log = log;
        this.movesFiles = movesFiles;
    }

    RecordingApp onFinishDownloading(Consumer<RecordingApp> hook) {
        this.onFinishDownloading = hook;
        return this;
    }

    @Override
    public void didFinishLaunching() {
        log("didFinishLaunching");
        session = process.transfers().backgroundSession(SESSION, this);
    }

    @Override
    public void handleEventsForBackgroundSession(String identifier, Runnable completionHandler) {
        log("handleEvents(" + identifier + ")");
        this.completionHandler = completionHandler;
    }

    void download(String... urls) {
        for (String url : urls) {
            session.download(URI.create(url));
        }
    }

    @Override
    public void didWriteData(TransferTask task, long bytesWritten, long totalBytesWritten, long totalBytesExpectedToWrite) {
        log("didWriteData(" + task.identifier() + ", " + totalBytesWritten + "/" + totalBytesExpectedToWrite + ")");
    }

    @Override
    public void didFinishDownloading(TransferTask task, Path location) {
        log("didFinishDownloading(" + task.identifier() + ", HTTP " + task.response().orElseThrow().statusCode() + ")");
        onFinishDownloading.accept(this);
        if (movesFiles) {
            try {
                Files.move(location, process.cachesDirectory().resolve("task-" + task.identifier()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void didComplete(TransferTask task, IOException error) {
        log("didComplete(" + task.identifier() + (error == null ? "" : ", " + error.getMessage()) + ")");
    }

    @Override
    public void didFinishEvents(TransferSession session) {
        log("didFinishEvents");
        process.main().execute(() -> {
            log("calls the completion handler");
            Runnable handler = completionHandler;
            completionHandler = null;
            if (handler != null) {
                handler.run();
            }
        });
    }

    private void log(String text) {
        log.add("#" + number + (process.main().isCurrent() ? " main: " : " queue: ") + text);
    }
}
