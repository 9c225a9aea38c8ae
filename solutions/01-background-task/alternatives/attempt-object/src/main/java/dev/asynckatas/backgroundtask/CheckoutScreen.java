package dev.asynckatas.backgroundtask;

import dev.asynckatas.platform.Application;
import dev.asynckatas.platform.MainThread;
import dev.asynckatas.platform.Navigator;
import java.util.concurrent.Executor;

/**
 * CORRECT ALTERNATIVE (kata 01 catalogue), with OrderAttempt: each attempt owns its background task and request; the
 * screen presents a settled attempt now, or when the user comes back. Main thread only. See README.md.
 */
public final class CheckoutScreen implements Application.LifecycleObserver {

    private final Application app;
    private final MainThread main;
    private final OrdersApi api;
    private final Navigator navigator;

    // Main thread only.
    private OrderAttempt current;
    private OrderAttempt settledWhileAway;

    public CheckoutScreen(Application app, MainThread main, Executor background, OrdersApi api, Navigator navigator) {
        this.app = app;
        this.main = main;
        this.api = api;
        this.navigator = navigator;
        app.addObserver(this);
    }

    /** The customer taps "Place order" (or Try again). Called on the main thread. */
    public void placeOrder(Order order) {
        if (current != null && !current.isSettled()) {
            return;
        }
        current = new OrderAttempt(app, order, this::settled);
        current.start(api, main);
    }

    private void settled(OrderAttempt attempt) {
        if (app.state() == Application.State.ACTIVE) {
            present(attempt);
        } else {
            settledWhileAway = attempt;
        }
    }

    @Override
    public void willEnterForeground() {
        OrderAttempt attempt = settledWhileAway;
        settledWhileAway = null;
        if (attempt != null) {
            present(attempt);
        }
    }

    private void present(OrderAttempt attempt) {
        switch (attempt.outcome()) {
            case OrderAttempt.Placed placed -> navigator.show(OrderConfirmation.SCREEN);
            case OrderAttempt.Failed failed -> navigator.showError(failed.message(), () -> placeOrder(attempt.order()));
        }
    }
}
