package dev.asynckatas.kit.device;

import dev.asynckatas.kit.http.Exchange;
import dev.asynckatas.kit.http.SystemExchange;
import dev.asynckatas.kit.timeline.SwimLanes;
import dev.asynckatas.platform.TransferResponse;
import dev.asynckatas.platform.TransferTask;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * One download task as the transfer service keeps it, outside the app: it outlives the process that started it.
 * Tests read it; the app sees it through {@link TransferTask} views, one per process.
 */
public final class SimDownload {

    private final String session;
    private final long identifier;
    private final URI url;
    private final int startedByProcess;
    private final Duration startedAt;
    final Path temporaryFile;
    SystemExchange exchange;
    TransferTask.State state = TransferTask.State.RUNNING;
    TransferResponse response;
    long received;
    long expected = -1;
    IOException error;
    Duration completedAt;
    boolean completionDelivered;
    int completionDeliveries;
    int finishDeliveries;
    /** Whether the temporary file was still at its place when {@code didFinishDownloading} returned (the app did not move it). */
    Boolean leftInPlace;

    SimDownload(String session, long identifier, URI url, int startedByProcess, Duration startedAt, Path temporaryFile) {
        this.session = session;
        this.identifier = identifier;
        this.url = url;
        this.startedByProcess = startedByProcess;
        this.startedAt = startedAt;
        this.temporaryFile = temporaryFile;
    }

    public String session() {
        return session;
    }

    /** The task's {@code taskIdentifier}. */
    public long identifier() {
        return identifier;
    }

    public URI url() {
        return url;
    }

    /** The number of the process that asked for it. */
    public int startedByProcess() {
        return startedByProcess;
    }

    public Duration startedAt() {
        return startedAt;
    }

    public TransferTask.State state() {
        return state;
    }

    public Optional<TransferResponse> response() {
        return Optional.ofNullable(response);
    }

    public long bytesReceived() {
        return received;
    }

    public Optional<IOException> error() {
        return Optional.ofNullable(error);
    }

    public Optional<Duration> completedAt() {
        return Optional.ofNullable(completedAt);
    }

    /** Whether {@code didComplete} was delivered to a delegate (and returned). */
    public boolean completionDelivered() {
        return completionDelivered;
    }

    /** How often {@code didComplete} was delivered: the service guarantees at most once. */
    public int completionDeliveries() {
        return completionDeliveries;
    }

    /** How often {@code didFinishDownloading} was delivered: the service guarantees at most once. */
    public int finishDeliveries() {
        return finishDeliveries;
    }

    /**
     * Whether the app left the downloaded file at its temporary location when {@code didFinishDownloading} returned (so
     * the system deleted it), if that callback was delivered.
     */
    public Optional<Boolean> fileLeftAtTemporaryLocation() {
        return Optional.ofNullable(leftInPlace);
    }

    /** What the server saw of this download. */
    public Exchange exchange() {
        return exchange.exchange();
    }

    @Override
    public String toString() {
        return "download task " + identifier + " of session '" + session + "' (" + url + "), " + state
                + (response == null ? "" : ", HTTP " + response.statusCode()) + ", " + received + " bytes"
                + (error == null ? "" : ", failed: " + error.getMessage())
                + (completedAt == null ? "" : ", completed at " + SwimLanes.format(completedAt));
    }
}
