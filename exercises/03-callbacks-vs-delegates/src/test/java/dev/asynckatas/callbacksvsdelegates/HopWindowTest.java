package dev.asynckatas.callbacksvsdelegates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.asynckatas.kit.http.PlainHttpClient;
import dev.asynckatas.kit.junit.CatchesBug;
import dev.asynckatas.kit.real.RealMainThread;
import dev.asynckatas.kit.real.RealScreen;
import dev.asynckatas.platform.MainThread;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The window a flag cannot close, on real threads: a screen that starts its request on another thread (the asker's
 * global queue) can be closed while that thread is inside {@code fetch}, after any "is it closed?" check made before
 * it and before the request's handle is stored. The HTTP client here holds {@code sendAsync} open on that thread
 * until the close has landed (returned, or waits for the request to start, as a lock held around it would).
 */
class HopWindowTest {

    private static final Duration PATIENCE = Duration.ofSeconds(5);

    @Test
    @DisplayName("real threads: the user closes the forecast screen while its request is being started on another thread: the request is cancelled")
    @CatchesBug(Bugs.FORECAST_STARTS_AFTER_CLOSE)
    void aCloseWhileTheRequestStartsCancelsIt() throws Exception {
        ExecutorService user = Executors.newVirtualThreadPerTaskExecutor();
        ExecutorService queue = Executors.newSingleThreadExecutor();
        TrackedExecutor global = new TrackedExecutor(Executors.newVirtualThreadPerTaskExecutor());
        try (RealMainThread main = new RealMainThread()) {
            AtomicReference<Thread> mainThread = new AtomicReference<>();
            main.execute(() -> mainThread.set(Thread.currentThread()));
            HeldClient http = new HeldClient(main);
            WeatherService service = new WeatherService(new WeatherApi(http, URI.create("http://weather.test")), queue);

            RealScreen<ForecastScreen> screen = RealScreen.open(main, view -> new ForecastScreen(service, main, global, view, "Lisbon"));
            assertThat(http.insideSend.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the screen started a request").isTrue();

            if (http.sentOnMain.get()) {
                screen.close(); // started on the main thread: there is no window between starting and closing
            } else {
                Future<?> closing = user.submit(screen::close);
                await().pollDelay(Duration.ZERO).atMost(PATIENCE)
                        .until(() -> closing.isDone() || waitsInsideTheScreen(mainThread.get()));
                http.letSendReturn.countDown();
                try {
                    closing.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                } catch (TimeoutException blocked) {
                    throw new AssertionError("close() did not return within " + PATIENCE.toSeconds() + " s of the request being"
                            + " started: the main thread is blocked", blocked);
                }
            }
            global.awaitIdle(PATIENCE);
            flush(main);

            assertThat(http.requests).as("requests the screen started").singleElement();
            assertThat(http.requests.get(0).cancelled.get()).as("whether the request that was being started on another thread"
                    + " when the user closed the screen was cancelled: it never was, so it runs to the end for a closed screen."
                    + " A flag checked before fetch cannot see a close that lands during it; start the request on the main"
                    + " thread (fetch does not block), or cancel it once fetch returns if the screen closed meanwhile").isTrue();
            assertThat(screen.shown()).as("what the screen showed after the user closed it").allMatch(RealScreen.Shown::screenOpen);
        } finally {
            global.shutdownNow();
            queue.shutdownNow();
            user.shutdownNow();
        }
    }

    /** Whether {@code thread} waits inside the screen's code: a close that waits for the request to start (a lock). */
    private static boolean waitsInsideTheScreen(Thread thread) {
        if (thread == null || !switch (thread.getState()) {
            case BLOCKED, WAITING, TIMED_WAITING -> true;
            default -> false;
        }) {
            return false;
        }
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getClassName().startsWith(ForecastScreen.class.getName())) {
                return true;
            }
        }
        return false;
    }

    /** Returns once everything the main thread had queued has run. */
    private static void flush(MainThread main) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        main.execute(done::countDown);
        assertThat(done.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the main thread ran what it had queued").isTrue();
    }

    /** An executor that knows when every task it was given has returned. */
    private static final class TrackedExecutor implements Executor {
        private final ExecutorService threads;
        private final List<CompletableFuture<Void>> tasks = new CopyOnWriteArrayList<>();

        TrackedExecutor(ExecutorService threads) {
            this.threads = threads;
        }

        @Override
        public void execute(Runnable task) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            tasks.add(done);
            threads.execute(() -> {
                try {
                    task.run();
                } finally {
                    done.complete(null);
                }
            });
        }

        void awaitIdle(Duration atMost) throws Exception {
            for (CompletableFuture<Void> task : tasks) {
                try {
                    task.get(atMost.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException stuck) {
                    throw new AssertionError("a task on the global queue did not return within " + atMost.toSeconds() + " s", stuck);
                }
            }
        }

        void shutdownNow() {
            threads.shutdownNow();
        }
    }

    /**
     * An HTTP client whose {@code sendAsync} is held open on any thread but the main one until the test lets it return;
     * its futures never complete, and record a {@code cancel(true)} on them or on any stage derived from them.
     */
    private static final class HeldClient extends PlainHttpClient {
        final CountDownLatch insideSend = new CountDownLatch(1);
        final CountDownLatch letSendReturn = new CountDownLatch(1);
        final AtomicBoolean sentOnMain = new AtomicBoolean();
        final List<Held<?>> requests = new CopyOnWriteArrayList<>();
        private final MainThread main;

        HeldClient(MainThread main) {
            this.main = main;
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
            Held<HttpResponse<T>> response = new Held<>(null);
            requests.add(response);
            sentOnMain.set(main.isCurrent());
            insideSend.countDown();
            if (!main.isCurrent()) {
                try {
                    if (!letSendReturn.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the test never let sendAsync return");
                    }
                } catch (InterruptedException shutDown) {
                    Thread.currentThread().interrupt();
                }
            }
            return response;
        }

    }

    /** A future that records {@code cancel(true)} on itself or on any stage derived from it, as the JDK client's do. */
    private static final class Held<T> extends CompletableFuture<T> {
        final AtomicBoolean cancelled;
        private final Held<?> root;

        Held(Held<?> root) {
            this.root = root == null ? this : root;
            this.cancelled = root == null ? new AtomicBoolean() : root.cancelled;
        }

        @Override
        public <U> CompletableFuture<U> newIncompleteFuture() {
            return new Held<>(root);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            if (mayInterruptIfRunning && cancelled.compareAndSet(false, true) && root != this) {
                root.completeExceptionally(new CancellationException("Request cancelled"));
            }
            return super.cancel(mayInterruptIfRunning);
        }
    }
}
