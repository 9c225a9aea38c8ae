package dev.asynckatas.backgroundtask;

import dev.asynckatas.platform.Application;
import dev.asynckatas.platform.BackgroundTaskId;
import dev.asynckatas.platform.MainThread;
import dev.asynckatas.platform.Navigator;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * WRONG FIX (kata 01 catalogue): a 25 s deadline of its own. See README.md.
 */
public final class CheckoutScreen implements Application.LifecycleObserver {

    private final Application app;
    private final MainThread main;
    private final OrdersApi api;
    private final Navigator navigator;

    // Main thread only.
    private BackgroundTaskId backgroundTask = BackgroundTaskId.INVALID;
    private CompletableFuture<OrderConfirmation> inFlight;
    private Order order;
    private Runnable notShownYet;

    /**
     * @param app        the application: its state and its background tasks
     * @param main       the main thread
     * @param background not needed: a background <em>task</em> is about the app's state, not about threads
     * @param api        the shop's API
     * @param navigator  what this screen can show
     */
    public CheckoutScreen(Application app, MainThread main, Executor background, OrdersApi api, Navigator navigator) {
        this.app = app;
        this.main = main;
        this.api = api;
        this.navigator = navigator;
        app.addObserver(this);
    }

    /** The customer taps "Place order". Called on the main thread. */
    public void placeOrder(Order order) {
        if (inFlight != null) {
            return; // a second tap while the order is on its way: one order, one background task
        }
        this.order = order;
        // Begin before the request starts, right here on main: the user may leave the app any moment now.
        backgroundTask = app.beginBackgroundTask("Place order", this::backgroundTimeRanOut);
        // The mistake: a deadline of its own, from the tap, instead of iOS's expiration handler.
        CompletableFuture<OrderConfirmation> request = api.placeOrder(order).orTimeout(25, TimeUnit.SECONDS);
        inFlight = request;
        request.whenCompleteAsync((confirmation, failure) -> finished(request, confirmation, failure), main);
    }

    /** The response, on main. */
    private void finished(CompletableFuture<OrderConfirmation> request, OrderConfirmation confirmation, Throwable failure) {
        if (inFlight != request) {
            return; // given up when the background time ran out; already ended and reported
        }
        inFlight = null;
        show(failure == null
                ? () -> navigator.show(OrderConfirmation.SCREEN)
                : () -> navigator.showError(messageFor(failure), () -> placeOrder(order)));
        endBackgroundTask();
    }

    /** UIKit calls this on main when the background time runs out: stop the work and end the task before returning. */
    private void backgroundTimeRanOut() {
        CompletableFuture<OrderConfirmation> request = inFlight;
        if (request != null && !request.cancel(true)) {
            // cancel(true) aborts the HTTP exchange, unless the answer is already in: then it returns false, in one step
            // (asking isDone() first would leave a window for the answer between the question and the cancel). The answer
            // came in this very instant, and its hop to main is queued behind this handler. Take it now: the shop placed
            // (or refused) the order, so "interrupted" would be untrue, and a retry a duplicate.
            request.whenComplete((confirmation, failure) -> finished(request, confirmation, failure)); // runs now
            return;
        }
        inFlight = null;
        Order interrupted = order;
        show(() -> navigator.showError("Placing your order was interrupted when the app was in the background.",
                () -> placeOrder(interrupted)));
        endBackgroundTask();
    }

    private void endBackgroundTask() {
        if (backgroundTask.isValid()) {
            app.endBackgroundTask(backgroundTask);
            backgroundTask = BackgroundTaskId.INVALID;
        }
    }

    /** Shows now if the customer is looking, or as soon as they come back. */
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
