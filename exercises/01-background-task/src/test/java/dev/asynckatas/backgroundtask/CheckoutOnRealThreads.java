package dev.asynckatas.backgroundtask;

import dev.asynckatas.kit.http.PlainHttpClient;
import dev.asynckatas.platform.Application;
import dev.asynckatas.platform.BackgroundTaskId;
import dev.asynckatas.platform.MainThread;
import dev.asynckatas.platform.Navigator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import javax.net.ssl.SSLSession;

/**
 * The checkout screen on real threads, for the model checker ({@code RaceCheck}): the test's threads play main and the
 * HTTP client's thread, and these small fakes stand in for UIKit and the shop. The simulation runs each task whole; here
 * the checker may switch threads between any two statements, so a window inside a method shows.
 *
 * <p>The fakes are correct by themselves and small on purpose: every shared access in them is one more place where the
 * checker may switch threads. They never call the screen's code while holding their own lock (a fix with a lock of its
 * own must not deadlock on them).
 */
final class CheckoutOnRealThreads {

    static {
        // One order placed and answered before the checker runs, once per JVM: a JDK class first initialised under the
        // checker can fail to initialise (Lincheck aborts its analysis inside a static initialiser, here the HTTP
        // client's Utils, and the class is then unusable in that JVM).
        FakeShop shop = new FakeShop();
        new OrdersApi(shop, Checkout.SHOP, () -> Checkout.TOKEN).placeOrder(Checkout.ORDER);
        shop.confirm();
    }

    final FakeApplication app = new FakeApplication();
    final QueuedMainThread main = new QueuedMainThread();
    final RecordingNavigator navigator = new RecordingNavigator(app, main);
    final FakeShop shop = new FakeShop();
    final GlobalQueue global = new GlobalQueue();
    final CheckoutScreen screen;

    private CheckoutOnRealThreads() {
        OrdersApi api = new OrdersApi(shop, Checkout.SHOP, () -> Checkout.TOKEN);
        screen = new CheckoutScreen(app, main, global, api, navigator);
    }

    /**
     * The story up to the race, played on the test's thread before the check's threads start: the customer taps Place
     * order (this thread is main until then), main runs what that queued, and the customer leaves the app. Only what
     * follows is explored interleaving by interleaving; the tap before it costs little that way.
     */
    static CheckoutOnRealThreads tappedAndLeft() {
        CheckoutOnRealThreads checkout = new CheckoutOnRealThreads();
        checkout.main.becomeMain();
        checkout.screen.placeOrder(Checkout.ORDER);
        checkout.main.runQueued();
        checkout.app.enterBackground();
        return checkout;
    }

    /**
     * Main from then on: it runs what is queued, and the background time runs out (UIKit calls the expiration handlers on
     * main). Then its run loop goes on once the other thread is done (so that what follows, which races nothing, costs
     * the checker no interleavings of its own), and the customer comes back.
     */
    void playMain() throws InterruptedException {
        main.becomeMain();
        main.runQueued();
        app.backgroundTimeRunsOut();
        shop.awaitTheAnswersThread();
        main.runQueued();
        app.enterForeground();
        main.runQueued();
    }

    /**
     * The other thread: it runs what was given to the global queue, and once the order is on its way, the shop's
     * confirmation arrives on it, as on the HTTP client's thread.
     */
    void playTheAnswer() throws InterruptedException {
        global.runQueued();
        shop.awaitOrder();
        shop.confirm();
        global.runQueued();
        shop.theAnswersThreadIsDone();
    }

    /** The app holds the shop's confirmation: the future the screen got from {@code OrdersApi} completed with it. */
    boolean appHoldsTheConfirmation() {
        return shop.exchange != null && shop.exchange.confirmationReachedTheApp();
    }

    /**
     * {@code UIApplication} for one story: background tasks (each must be ended exactly once, and inside its expiration
     * handler if that is called), the state, and the lifecycle notifications, delivered on the calling (main) thread.
     * Arrays, not collections: every shared access is one more place for the checker to switch threads.
     */
    static final class FakeApplication implements Application {
        private static final int MOST_TASKS = 8;
        private final Runnable[] handlers = new Runnable[MOST_TASKS];
        private final boolean[] open = new boolean[MOST_TASKS];
        /** Copied on each change and read without a lock: one read where a lock would cost the checker four steps. */
        private volatile LifecycleObserver[] observers = new LifecycleObserver[0];
        private int begun;
        private int endedTwice;
        private int killedWithTaskOpen;
        private volatile State state = State.ACTIVE;
        private volatile boolean enteringForeground;

        @Override
        public State state() {
            return state;
        }

        @Override
        public synchronized BackgroundTaskId beginBackgroundTask(String name, Runnable expirationHandler) {
            if (begun == MOST_TASKS) {
                throw new IllegalStateException("more than " + MOST_TASKS + " background tasks begun for one order");
            }
            handlers[begun] = expirationHandler;
            open[begun] = true;
            begun++;
            return new BackgroundTaskId(begun);
        }

        /** Ending a task already ended, or one never begun (INVALID among them), is a misuse, as in the simulation. */
        @Override
        public synchronized void endBackgroundTask(BackgroundTaskId id) {
            int task = id.value() - 1;
            if (task < 0 || task >= begun || !open[task]) {
                endedTwice++;
            } else {
                open[task] = false;
            }
        }

        @Override
        public Duration backgroundTimeRemaining() {
            return state == State.ACTIVE ? Duration.ofDays(1) : Duration.ZERO;
        }

        @Override
        public synchronized void addObserver(LifecycleObserver observer) {
            LifecycleObserver[] more = java.util.Arrays.copyOf(observers, observers.length + 1);
            more[observers.length] = observer;
            observers = more;
        }

        void enterBackground() {
            state = State.BACKGROUND;
            for (LifecycleObserver observer : observers) {
                observer.didEnterBackground();
            }
        }

        /** As UIKit: {@code willEnterForeground} while the state still says BACKGROUND, then the app is active. */
        void enterForeground() {
            enteringForeground = true;
            for (LifecycleObserver observer : observers) {
                observer.willEnterForeground();
            }
            state = State.ACTIVE;
            enteringForeground = false;
        }

        /**
         * The background time runs out: each task open at this moment gets its handler called, and must be ended when the
         * handler returns. (Another thread may end it meanwhile, as on a phone: the handler then finds it ended.)
         */
        void backgroundTimeRunsOut() {
            Runnable[] expiring = openHandlers();
            for (Runnable handler : expiring) {
                if (handler != null) {
                    handler.run();
                }
            }
            killedIfStillOpen(expiring);
        }

        boolean inFrontOfTheUser() {
            return state == State.ACTIVE || enteringForeground;
        }

        synchronized int endedTwice() {
            return endedTwice;
        }

        synchronized int killedWithTaskOpen() {
            return killedWithTaskOpen;
        }

        synchronized int stillOpen() {
            int count = 0;
            for (boolean task : open) {
                count += task ? 1 : 0;
            }
            return count;
        }

        /** The handlers of the tasks open now, in the order they were begun (the rest null). */
        private synchronized Runnable[] openHandlers() {
            Runnable[] now = new Runnable[begun];
            for (int task = 0; task < begun; task++) {
                now[task] = open[task] ? handlers[task] : null;
            }
            return now;
        }

        /** A task whose handler returned while it was still open gets the app killed. */
        private synchronized void killedIfStillOpen(Runnable[] expired) {
            for (int task = 0; task < expired.length; task++) {
                if (expired[task] != null && open[task]) {
                    killedWithTaskOpen++;
                }
            }
        }
    }

    /**
     * {@code DispatchQueue.global()}: blocks given to it run on the test's second thread, not on main (GCD's global queue
     * and the HTTP client's threads are both pools of threads other than main; which one runs what does not matter
     * here). A thread of its own would cost every interleaving a thread pool's machinery.
     */
    static final class GlobalQueue implements Executor {
        private final Runnable[] queued = new Runnable[8];
        private int next;
        private int added;

        @Override
        public synchronized void execute(Runnable block) {
            if (added == queued.length) {
                throw new IllegalStateException("more than " + queued.length + " blocks given to the global queue for one order");
            }
            queued[added++] = block;
        }

        /** Runs what was given, and what that gives, until nothing is left. */
        void runQueued() {
            for (Runnable block = next(); block != null; block = next()) {
                block.run();
            }
        }

        private synchronized Runnable next() {
            return next < added ? queued[next++] : null;
        }
    }

    /** {@code DispatchQueue.main}: a queue that the main thread of the story runs when its turn comes. */
    static final class QueuedMainThread implements MainThread {
        private final Runnable[] queued = new Runnable[16];
        private int next;
        private int added;
        private volatile Thread thread;

        void becomeMain() {
            thread = Thread.currentThread();
        }

        @Override
        public synchronized void execute(Runnable task) {
            if (added == queued.length) {
                throw new IllegalStateException("more than " + queued.length + " tasks queued on main for one order");
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

        @Override
        public boolean isCurrent() {
            return Thread.currentThread() == thread;
        }

        @Override
        public Future<?> schedule(Duration delay, Runnable task) {
            throw new UnsupportedOperationException("this story on real threads has no clock: a timer of main's cannot run here");
        }
    }

    /** What the user was shown: how many outcomes, the last one, and whether any was shown off main. */
    static final class RecordingNavigator implements Navigator {
        private final FakeApplication app;
        private final QueuedMainThread main;
        private int shown;
        private boolean lastWasTheNextScreen;
        private boolean lastInFront;
        private boolean shownOffMain;

        RecordingNavigator(FakeApplication app, QueuedMainThread main) {
            this.app = app;
            this.main = main;
        }

        @Override
        public void show(String screen) {
            record(true);
        }

        @Override
        public void showError(String message, Runnable retry) {
            record(false);
        }

        private void record(boolean nextScreen) {
            boolean inFront = app.inFrontOfTheUser();
            boolean onMain = main.isCurrent();
            synchronized (this) {
                shown++;
                lastWasTheNextScreen = nextScreen;
                lastInFront = inFront;
                shownOffMain |= !onMain;
            }
        }

        /** Exactly one outcome was shown, in front of the user. */
        synchronized boolean oneOutcomeInFront() {
            return shown == 1 && lastInFront;
        }

        synchronized boolean showedTheNextScreen() {
            return lastWasTheNextScreen;
        }

        synchronized boolean shownOffMain() {
            return shownOffMain;
        }
    }

    /**
     * The shop behind the JDK's {@code HttpClient}: {@code sendAsync} starts an exchange that the test's HTTP thread
     * answers with a confirmation. As with the JDK's client, {@code cancel(true)} on the exchange's future or on any stage
     * derived from it aborts the exchange, unless the answer is already in.
     */
    static final class FakeShop extends PlainHttpClient {
        private final CountDownLatch ordered = new CountDownLatch(1);
        private final CountDownLatch answered = new CountDownLatch(1);
        private volatile ExchangeFuture<HttpResponse<String>> exchange;
        private volatile HttpRequest request;

        @Override
        @SuppressWarnings("unchecked")
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
            if (exchange != null) {
                throw new IllegalStateException("a second order was sent: one tap, one order");
            }
            ExchangeFuture<HttpResponse<String>> started = new ExchangeFuture<>(null);
            this.request = request;
            exchange = started;
            ordered.countDown();
            return (CompletableFuture<HttpResponse<T>>) (CompletableFuture<?>) started;
        }

        void awaitOrder() throws InterruptedException {
            ordered.await();
        }

        void awaitTheAnswersThread() throws InterruptedException {
            answered.await();
        }

        void theAnswersThreadIsDone() {
            answered.countDown();
        }

        /** The shop placed the order and answers, unless the exchange was aborted first. */
        void confirm() {
            exchange.complete(new Confirmation(request));
        }

    }

    /**
     * An exchange's future and every stage derived from it, as the JDK's {@code HttpClient} makes them: {@code cancel(true)}
     * on any of them aborts the exchange, which completes the stages first ({@code cancel} then returns true, as the JDK's
     * does); on a stage already complete it does nothing and returns false.
     */
    static final class ExchangeFuture<T> extends CompletableFuture<T> {
        private final ExchangeFuture<?> exchange;
        /** The first stage derived from the exchange: {@code OrdersApi}'s, which the screen holds. */
        private volatile CompletableFuture<?> apiStage;

        ExchangeFuture(ExchangeFuture<?> exchange) {
            this.exchange = exchange == null ? this : exchange;
        }

        @Override
        public <U> CompletableFuture<U> newIncompleteFuture() {
            ExchangeFuture<U> stage = new ExchangeFuture<>(exchange);
            if (exchange == this && apiStage == null) {
                apiStage = stage;
            }
            return stage;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean aborted = mayInterruptIfRunning && !isDone()
                    && exchange.completeExceptionally(new CancellationException("Request cancelled"));
            return super.cancel(mayInterruptIfRunning) || aborted;
        }

        boolean confirmationReachedTheApp() {
            CompletableFuture<?> stage = apiStage;
            return stage != null && stage.isDone() && !stage.isCompletedExceptionally();
        }
    }

    /** The shop's answer: 201, the order placed. */
    record Confirmation(HttpRequest request) implements HttpResponse<String> {
        @Override
        public int statusCode() {
            return 201;
        }

        @Override
        public String body() {
            return "{\"orderId\":\"A-1042\",\"status\":\"placed\"}";
        }

        @Override
        public Optional<HttpResponse<String>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public HttpHeaders headers() {
            return HttpHeaders.of(Map.of("Content-Type", List.of("application/json")), (name, value) -> true);
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return request.uri();
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
