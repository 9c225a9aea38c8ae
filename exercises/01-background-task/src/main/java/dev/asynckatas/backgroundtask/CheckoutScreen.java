package dev.asynckatas.backgroundtask;

import dev.asynckatas.platform.Application;
import dev.asynckatas.platform.BackgroundTaskId;
import dev.asynckatas.platform.MainThread;
import dev.asynckatas.platform.Navigator;
import java.util.concurrent.Executor;

/**
 * The checkout screen. When the customer taps "Place order", the order is posted; the shop's workflow takes a
 * few seconds. If the customer leaves the app meanwhile, the request should go on in the background, and when
 * they come back they should see the next screen (or an error, with "Try again").
 *
 * <p>KATA 01: this is the asker's approach, translated to Java. It works when the app stays in front. Make it
 * work when the customer leaves and comes back. The lesson: docs/01-background-task.md
 */
public final class CheckoutScreen implements Application.LifecycleObserver {

    private final Application app;
    private final MainThread main;
    private final Executor background;
    private final OrdersApi api;
    private final Navigator navigator;

    private BackgroundTaskId backgroundTaskId = BackgroundTaskId.INVALID;

    /**
     * @param app        the application: its state and its background tasks
     * @param main       the main thread
     * @param background a global concurrent queue, {@code DispatchQueue.global(qos: .userInitiated)}
     * @param api        the shop's API
     * @param navigator  what this screen can show
     */
    public CheckoutScreen(Application app, MainThread main, Executor background, OrdersApi api, Navigator navigator) {
        this.app = app;
        this.main = main;
        this.background = background;
        this.api = api;
        this.navigator = navigator;
        app.addObserver(this);
    }

    /** The customer taps "Place order". Called on the main thread. */
    public void placeOrder(Order order) {
        background.execute(() -> {
            backgroundTaskId = app.beginBackgroundTask("Place order", () -> {
                backgroundTaskId = BackgroundTaskId.INVALID;
            });
            api.placeOrder(order).whenComplete((confirmation, failure) -> {
                if (failure == null) {
                    navigator.show(OrderConfirmation.SCREEN);
                } else {
                    navigator.showError("Your order could not be placed.", () -> placeOrder(order));
                }
            });
        });
    }

    @Override
    public void willEnterForeground() {
    }
}
