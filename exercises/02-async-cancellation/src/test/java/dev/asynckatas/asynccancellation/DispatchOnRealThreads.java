package dev.asynckatas.asynccancellation;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A call (or a batch) on real threads, for the model checker ({@code RaceCheck}): the gallery has just sent it, the
 * executor's thread dispatches, and the user's thread cancels. The checker may switch threads between any two
 * statements, so the window between checking for a cancel and storing the handle that {@code dispatch} returns shows,
 * wherever a fix leaves it open.
 *
 * <p>The fakes are correct by themselves and small on purpose: every shared access in them is one more place where the
 * checker may switch threads. They never call the kata's code while holding a lock of their own (a fix with a lock of
 * its own must not deadlock on them).
 */
final class DispatchOnRealThreads<F extends CompletableFuture<?>> {

    static final List<HttpRequest> ALBUM = List.of(StubClient.request("/images/1.jpg"), StubClient.request("/images/2.jpg"),
            StubClient.request("/images/3.jpg"));

    static {
        // One call and one batch sent, dispatched and cancelled before the checker runs, once per JVM: a JDK class first
        // initialised under the checker can fail to initialise (Lincheck aborts its analysis inside a static initialiser).
        DispatchOnRealThreads<CompletableFuture<Response>> call = oneCall();
        call.executor.runQueued();
        call.cancel();
        DispatchOnRealThreads<CompletableFuture<List<Response>>> batch = album();
        batch.executor.runQueued();
        batch.cancel();
    }

    final CountingClient client = new CountingClient();
    final QueuedExecutor executor = new QueuedExecutor();
    final AsyncHttpClient http = new AsyncHttpClient(client, executor);
    /** What the gallery holds: the call or the batch, sent before the threads start. */
    F sent;
    private final CountDownLatch cancelReturned = new CountDownLatch(1);
    private volatile boolean cancelledAtOnce;

    private DispatchOnRealThreads() {
    }

    /** The gallery has sent one request: its dispatch waits on the executor. */
    static DispatchOnRealThreads<CompletableFuture<Response>> oneCall() {
        DispatchOnRealThreads<CompletableFuture<Response>> story = new DispatchOnRealThreads<>();
        story.sent = story.http.send(ALBUM.get(0));
        return story;
    }

    /** The gallery has sent an album of three: their dispatches wait on the executor. */
    static DispatchOnRealThreads<CompletableFuture<List<Response>>> album() {
        DispatchOnRealThreads<CompletableFuture<List<Response>>> story = new DispatchOnRealThreads<>();
        story.sent = story.http.sendAll(ALBUM);
        return story;
    }

    /** The executor's thread: runs every task it was given, until the user's cancel has returned and after. */
    void runTheExecutor() throws InterruptedException {
        executor.runQueued();
        cancelReturned.await();
        executor.runQueued();
    }

    /** The user leaves: the gallery cancels what it sent, and looks at it the moment the cancel returns. */
    void cancel() {
        boolean returned = sent.cancel(true);
        cancelledAtOnce = returned && sent.isDone() && sent.isCancelled();
        cancelReturned.countDown();
    }

    /** Whether the cancel returned true and left the future done and cancelled at once (Future's contract). */
    boolean cancelledAtOnce() {
        return cancelledAtOnce;
    }

    /**
     * A callback client without a network that counts the requests running: dispatched and not stopped through their
     * handle. A request never answers by itself; its handle's cancel ends it with {@code IOException("Request
     * cancelled")}, once, as the real client does.
     */
    static final class CountingClient implements CallbackHttpClient {
        private final AtomicInteger running = new AtomicInteger();

        @Override
        public HttpClientTask dispatch(HttpRequest request, Consumer<Result> completion) {
            running.incrementAndGet();
            return new Running(completion);
        }

        int running() {
            return running.get();
        }

        /** One request dispatched, as its handle sees it. */
        private final class Running implements HttpClientTask {
            private final Consumer<Result> completion;
            private final AtomicBoolean finished = new AtomicBoolean();

            Running(Consumer<Result> completion) {
                this.completion = completion;
            }

            @Override
            public void cancel() {
                if (finished.compareAndSet(false, true)) {
                    running.decrementAndGet();
                    completion.accept(new Result.Failure(new IOException("Request cancelled")));
                }
            }
        }
    }

    /** The executor: a queue its thread in the story runs when its turn comes. */
    static final class QueuedExecutor implements Executor {
        private final Runnable[] queued = new Runnable[16];
        private int next;
        private int added;

        @Override
        public synchronized void execute(Runnable task) {
            if (added == queued.length) {
                throw new IllegalStateException("more than " + queued.length + " tasks given to the executor for one album");
            }
            queued[added++] = task;
        }

        /** Runs what was queued, and what that queues, until nothing is left. */
        void runQueued() {
            for (Runnable task = next(); task != null; task = next()) {
                task.run();
            }
        }

        private synchronized Runnable next() {
            return next < added ? queued[next++] : null;
        }
    }
}
