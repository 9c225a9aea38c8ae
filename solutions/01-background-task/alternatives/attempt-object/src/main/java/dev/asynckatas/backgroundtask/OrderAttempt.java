package dev.asynckatas.backgroundtask;

import dev.asynckatas.platform.Application;
import dev.asynckatas.platform.BackgroundTaskId;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * CORRECT ALTERNATIVE (kata 01 catalogue), with CheckoutScreen: one attempt to place the order, with its own
 * background task and request. It settles exactly once, on main: when the answer arrives, or when the background
 * time runs out. Main thread only.
 */
final class OrderAttempt {

    /** What became of the attempt. */
    sealed interface Outcome permits Placed, Failed {
    }

    record Placed(OrderConfirmation confirmation) implements Outcome {
    }

    record Failed(String message) implements Outcome {
    }

    private final Application app;
    private final Order order;
    private final Consumer<OrderAttempt> settled;
    private BackgroundTaskId task = BackgroundTaskId.INVALID;
    private CompletableFuture<OrderConfirmation> request;
    private Outcome outcome;

    OrderAttempt(Application app, Order order, Consumer<OrderAttempt> settled) {
        this.app = app;
        this.order = order;
        this.settled = settled;
    }

    /** Begins the task, then sends; the answer is settled on {@code main}. */
    void start(OrdersApi api, Executor main) {
        task = app.beginBackgroundTask("Place order", this::backgroundTimeRanOut);
        request = api.placeOrder(order);
        request.handleAsync((confirmation, failure) -> settle(outcomeOf(confirmation, failure)), main);
    }

    Order order() {
        return order;
    }

    boolean isSettled() {
        return outcome != null;
    }

    Outcome outcome() {
        return outcome;
    }

    /** The expiration handler, on main: settle before returning. */
    private void backgroundTimeRanOut() {
        if (isSettled()) {
            return;
        }
        if (!request.cancel(true)) {
            // Answered in this instant: cancel(true) aborts nothing then and says so, in one step (asking isDone() first
            // would leave the answer a window between the question and the cancel). Take the answer.
            settle(request.handle(OrderAttempt::outcomeOf).join());
            return;
        }
        settle(new Failed("Placing your order was interrupted when the app was in the background."));
    }

    private Void settle(Outcome result) {
        if (isSettled()) {
            return null; // the late answer of a request given up when the time ran out
        }
        outcome = result;
        if (task.isValid()) {
            app.endBackgroundTask(task);
            task = BackgroundTaskId.INVALID;
        }
        settled.accept(this);
        return null;
    }

    private static Outcome outcomeOf(OrderConfirmation confirmation, Throwable failure) {
        if (failure == null) {
            return new Placed(confirmation);
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof OrderFailedException refused) {
            return new Failed(refused.getMessage() + " Please try again.");
        }
        if (cause instanceof IOException) {
            return new Failed("No connection to the shop. Please try again.");
        }
        return new Failed("Your order could not be placed. Please try again.");
    }
}
