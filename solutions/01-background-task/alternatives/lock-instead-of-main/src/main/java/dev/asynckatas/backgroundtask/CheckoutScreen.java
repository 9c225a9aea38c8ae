package dev.asynckatas.backgroundtask;

import dev.asynckatas.platform.Application;
import dev.asynckatas.platform.BackgroundTaskId;
import dev.asynckatas.platform.MainThread;
import dev.asynckatas.platform.Navigator;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * CORRECT ALTERNATIVE (kata 01 catalogue): a lock instead of main-only access to the task id. See README.md.
 *
 * <p>The answer arrives on the HTTP client's thread, the tap, the expiration handler and the notifications on main:
 * the fields both sides touch are guarded by {@link #lock}. The UI, and what is kept for the user's return, stay on
 * main.
 */
public final class CheckoutScreen implements Application.LifecycleObserver {

    private static final String INTERRUPTED = "Placing your order was interrupted when the app was in the background.";

    private final Application app;
    private final MainThread main;
    private final OrdersApi api;
    private final Navigator navigator;
    private final Object lock = new Object();

    // Guarded by lock: main and the HTTP client's thread.
    private BackgroundTaskId backgroundTask = BackgroundTaskId.INVALID;
    private CompletableFuture<OrderConfirmation> inFlight;
    private Order order;

    // Main thread only.
    private Runnable notShownYet;

    public CheckoutScreen(Application app, MainThread main, Executor background, OrdersApi api, Navigator navigator) {
        this.app = app;
        this.main = main;
        this.api = api;
        this.navigator = navigator;
        app.addObserver(this);
    }

    /** The customer taps "Place order". Called on the main thread. */
    public void placeOrder(Order order) {
        CompletableFuture<OrderConfirmation> request;
        synchronized (lock) {
            if (inFlight != null) {
                return;
            }
            this.order = order;
            backgroundTask = app.beginBackgroundTask("Place order", this::backgroundTimeRanOut);
            request = api.placeOrder(order);
            inFlight = request;
        }
        request.whenComplete((confirmation, failure) -> answered(request, confirmation, failure)); // HTTP client's thread
    }

    /** The answer, on the HTTP client's thread: the bookkeeping under the lock, the task ended now, the UI on main. */
    private void answered(CompletableFuture<OrderConfirmation> request, OrderConfirmation confirmation, Throwable failure) {
        Order placed;
        synchronized (lock) {
            if (inFlight != request) {
                return; // the expiration handler took it
            }
            inFlight = null;
            placed = order;
            // Ended under the lock: an expiration handler that runs now waits for it, and finds the task ended when it
            // returns (ended after the lock, the handler could return with the task still open, and the app be killed).
            endBackgroundTask();
        }
        Runnable outcome = outcomeOf(confirmation, failure, placed);
        main.execute(() -> show(outcome));
    }

    /** On main, when the background time runs out: whatever is in flight is settled before this returns. */
    private void backgroundTimeRanOut() {
        CompletableFuture<OrderConfirmation> request;
        Order interrupted;
        synchronized (lock) {
            request = inFlight;
            inFlight = null;
            interrupted = order;
            endBackgroundTask();
        }
        if (request == null) {
            return; // the answer's thread took it a moment ago, ended the task and hands its outcome to main
        }
        if (!request.cancel(true)) {
            // Answered in this instant (cancel(true) aborts nothing then and says so, in one step): the answer's own
            // callback will find the request already taken, so show its outcome here.
            request.whenComplete((confirmation, failure) -> show(outcomeOf(confirmation, failure, interrupted)));
        } else {
            show(() -> navigator.showError(INTERRUPTED, () -> placeOrder(interrupted)));
        }
    }

    /** Under the lock: ends the stored task, if any, once. */
    private void endBackgroundTask() {
        if (backgroundTask.isValid()) {
            app.endBackgroundTask(backgroundTask);
            backgroundTask = BackgroundTaskId.INVALID;
        }
    }

    private Runnable outcomeOf(OrderConfirmation confirmation, Throwable failure, Order placed) {
        return failure == null
                ? () -> navigator.show(OrderConfirmation.SCREEN)
                : () -> navigator.showError(messageFor(failure), () -> placeOrder(placed));
    }

    /** Main thread: shows now if the customer is looking, or keeps it for their return. */
    private void show(Runnable outcome) {
        if (app.state() == Application.State.ACTIVE) {
            outcome.run();
        } else {
            notShownYet = outcome;
        }
    }

    @Override
    public void willEnterForeground() {
        Runnable outcome = notShownYet;
        notShownYet = null;
        if (outcome != null) {
            outcome.run();
        }
    }

    private static String messageFor(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof OrderFailedException refused) {
            return refused.getMessage() + " Please try again.";
        }
        if (cause instanceof IOException) {
            return "No connection to the shop. Please try again.";
        }
        return "Your order could not be placed. Please try again.";
    }
}
