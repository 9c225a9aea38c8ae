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
 * CORRECT ALTERNATIVE (kata 01 catalogue): whether the user is looking is tracked from the lifecycle notifications,
 * never read from {@code app.state()}. Every field is main-thread only. See README.md.
 */
public final class CheckoutScreen implements Application.LifecycleObserver {

    private final Application app;
    private final MainThread main;
    private final OrdersApi api;
    private final Navigator navigator;

    // Main thread only.
    private boolean userIsLooking = true; // the screen is made while the app is in front
    private BackgroundTaskId backgroundTask = BackgroundTaskId.INVALID;
    private CompletableFuture<OrderConfirmation> inFlight;
    private Runnable forTheReturn;

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
            return;
        }
        backgroundTask = app.beginBackgroundTask("Place order", () -> timeRanOut(order));
        CompletableFuture<OrderConfirmation> request = api.placeOrder(order);
        inFlight = request;
        request.thenApply(confirmation -> (Runnable) () -> navigator.show(OrderConfirmation.SCREEN))
                .exceptionally(failure -> () -> navigator.showError(messageFor(failure), () -> placeOrder(order)))
                .thenAcceptAsync(outcome -> settle(request, outcome), main);
    }

    private void timeRanOut(Order order) {
        CompletableFuture<OrderConfirmation> request = inFlight;
        if (request == null) {
            return;
        }
        if (!request.cancel(true)) { // the answer is already in (cancel and "is it in?" in one step): take it
            settle(request, request.isCompletedExceptionally()
                    ? () -> navigator.showError(messageFor(request.handle((c, f) -> f).join()), () -> placeOrder(order))
                    : () -> navigator.show(OrderConfirmation.SCREEN));
            return;
        }
        settle(request, () -> navigator.showError("Placing your order was interrupted when the app was in the background.",
                () -> placeOrder(order)));
    }

    /** On main, once per request: the task ends, the outcome is shown or kept. */
    private void settle(CompletableFuture<OrderConfirmation> request, Runnable outcome) {
        if (inFlight != request) {
            return;
        }
        inFlight = null;
        if (userIsLooking) {
            outcome.run();
        } else {
            forTheReturn = outcome;
        }
        if (backgroundTask.isValid()) {
            app.endBackgroundTask(backgroundTask);
            backgroundTask = BackgroundTaskId.INVALID;
        }
    }

    @Override
    public void didEnterBackground() {
        userIsLooking = false;
    }

    @Override
    public void willEnterForeground() {
        userIsLooking = true;
        Runnable outcome = forTheReturn;
        forTheReturn = null;
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
