package dev.asynckatas.platform;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A background session of the {@link TransferService}, like a {@code URLSession} made with a background
 * configuration: download tasks that the system runs on the app's behalf, and one delegate that gets every event.
 *
 * <p>There are no per-task callbacks: a background session has none that survive the app's process. The delegate
 * tells the work apart by the {@link TransferTask} itself (its URL, its identifier).
 */
public interface TransferSession {

    /** The identifier the session was opened with. */
    String identifier();

    /**
     * {@code downloadTask(with: url)} then {@code resume()}: the system downloads {@code url} on its own. May be called
     * from any thread.
     *
     * @return the new task, already running
     */
    TransferTask download(URI url);

    /**
     * {@code getAllTasks(completionHandler:)}: the session's tasks that have not completed yet, or whose completion the
     * delegate has not been told of yet; for instance to show, after a launch, what is still downloading. Completes on
     * the session's delegate queue.
     */
    CompletableFuture<List<TransferTask>> allTasks();

    /**
     * What the session tells the app, one call at a time on the session's delegate queue. For a download:
     * {@link #didWriteData} any number of times while the app is running, then {@link #didFinishDownloading} if a
     * response arrived whole, then {@link #didComplete}, exactly once. Then, when the system woke the app for this
     * session's events, {@link #didFinishEvents} once all of them were delivered.
     */
    interface Delegate {

        /**
         * {@code urlSession(_:downloadTask:didWriteData:totalBytesWritten:totalBytesExpectedToWrite:)}: progress. Only
         * while the app is running: a suspended or terminated app gets none, and none are saved for it.
         *
         * @param totalBytesExpectedToWrite the response's {@code Content-Length}, or {@code -1} when the server did not say
         */
        default void didWriteData(TransferTask task, long bytesWritten, long totalBytesWritten, long totalBytesExpectedToWrite) {
        }

        /**
         * {@code urlSession(_:downloadTask:didFinishDownloadingTo:)}: the response's body is complete, in a temporary
         * file at {@code location}. <strong>The system deletes that file as soon as this method returns</strong>: move
         * it (or open it) before returning. An HTTP error status is not a failure for the session: a 404's body arrives
         * here too; check {@code task.response()}.
         */
        void didFinishDownloading(TransferTask task, Path location);

        /**
         * {@code urlSession(_:task:didCompleteWithError:)}: the task is over, exactly once.
         *
         * @param error {@code null} when a response arrived whole (whatever its status), else why not: no connection,
         *              a reset, a body cut short, a cancel, no room to store it
         */
        void didComplete(TransferTask task, IOException error);

        /**
         * {@code urlSessionDidFinishEvents(forBackgroundURLSession:)}: every event queued for the session while the app
         * was not running has been delivered. Called only when the system launched or resumed the app for this session
         * ({@link AppDelegate#handleEventsForBackgroundSession}): now is the time to call that completion handler, on the
         * main thread.
         */
        default void didFinishEvents(TransferSession session) {
        }
    }
}
