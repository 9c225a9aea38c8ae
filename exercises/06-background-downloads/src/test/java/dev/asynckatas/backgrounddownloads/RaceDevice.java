package dev.asynckatas.backgrounddownloads;

import dev.asynckatas.platform.AppProcess;
import dev.asynckatas.platform.Application;
import dev.asynckatas.platform.TransferService;
import dev.asynckatas.platform.TransferSession;
import dev.asynckatas.platform.TransferTask;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The smallest device for a model-checked test of the end of a wake: one process of the app, whose main thread is a
 * {@link MainLoop}, and a transfer service with one background session and nothing to download, whose events a test
 * thread delivers, one at a time, on the session's delegate queue (by default the delivering thread itself, as the
 * session's own serial queue). No simulation and no clock: the model checker interleaves every shared access, and a
 * small fake keeps that cheap.
 */
final class RaceDevice implements AppProcess, TransferService {

    private final MainLoop main;
    private TransferSession.Delegate delegate;
    private Executor delegateQueue;
    private TransferSession session;

    /**
     * How the session delivers {@code didFinishEvents} to the delegate the app opened it with, on its delegate queue;
     * asked for once the app has opened its session, so that delivering reads nothing the threads share.
     */
    Runnable finishEventsDelivery() {
        if (delegate == null) {
            throw new IllegalStateException("the app never opened its background session");
        }
        TransferSession.Delegate to = delegate;
        TransferSession from = session;
        Executor queue = delegateQueue;
        Runnable deliver = () -> to.didFinishEvents(from);
        return queue == null ? deliver : () -> queue.execute(deliver);
    }

    /** @param otherThreads how many threads of the check, besides the main thread, may post to it */
    RaceDevice(int otherThreads) {
        this.main = new MainLoop(otherThreads);
    }

    @Override
    public MainLoop main() {
        return main;
    }

    @Override
    public TransferService transfers() {
        return this;
    }

    @Override
    public TransferSession backgroundSession(String identifier, TransferSession.Delegate delegate) {
        return backgroundSession(identifier, delegate, null);
    }

    @Override
    public TransferSession backgroundSession(String identifier, TransferSession.Delegate delegate, Executor delegateQueue) {
        if (this.delegate != null) {
            throw new IllegalStateException("the session '" + identifier + "' is already open in this process");
        }
        this.delegate = delegate;
        this.delegateQueue = delegateQueue;
        this.session = new TransferSession() {
            @Override
            public String identifier() {
                return identifier;
            }

            @Override
            public TransferTask download(URI url) {
                throw new UnsupportedOperationException("nothing is downloaded in this test");
            }

            @Override
            public CompletableFuture<List<TransferTask>> allTasks() {
                return CompletableFuture.completedFuture(List.of());
            }
        };
        return session;
    }

    @Override
    public Application application() {
        throw new UnsupportedOperationException("the end of a wake needs no background task");
    }

    @Override
    public Path documentsDirectory() {
        throw new UnsupportedOperationException("the app is given its downloads folder");
    }

    @Override
    public Path cachesDirectory() {
        throw new UnsupportedOperationException("the app is given its downloads folder");
    }
}
