package dev.asynckatas.platform;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;

/**
 * One download of a background session, like {@code URLSessionDownloadTask}. The app gets it back from
 * {@link TransferSession#download}, in every delegate call, and from {@link TransferSession#allTasks()} after a
 * launch: it is how a session-level delegate knows which work an event is about.
 */
public interface TransferTask {

    /** What the task is doing. */
    enum State { RUNNING, COMPLETED }

    /** {@code taskIdentifier}: unique within its session, and the same in every process of the app. */
    long identifier();

    /** {@code originalRequest.url}: the URL the app asked for. */
    URI originalRequest();

    State state();

    /** The response's status and headers, once they have arrived. */
    Optional<TransferResponse> response();

    /** {@code countOfBytesReceived}. */
    long countOfBytesReceived();

    /** {@code countOfBytesExpectedToReceive}: the {@code Content-Length}, or {@code -1} while unknown. */
    long countOfBytesExpectedToReceive();

    /** Why the task failed, once it has completed with an error. */
    Optional<IOException> error();

    /** {@code cancel()}: stops the download; the delegate then gets {@code didComplete} with an error. */
    void cancel();
}
