package dev.asynckatas.backgroundtask;

import dev.asynckatas.kit.SimPlatform;
import dev.asynckatas.kit.app.SimApplication;
import dev.asynckatas.kit.app.SimNavigator;
import dev.asynckatas.kit.http.Exchange;
import dev.asynckatas.kit.http.Reply;
import dev.asynckatas.kit.sim.Simulation;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/** The kata's story on the simulated platform: a checkout screen, the shop behind it, and the customer. */
final class Checkout {

    static final URI SHOP = URI.create("https://shop.test");
    static final String TOKEN = "tok_live_5fT9qL2x";
    static final Order ORDER = new Order("espresso-beans-1kg", 2);

    final SimPlatform platform;
    final Simulation sim;
    final SimApplication app;
    final SimNavigator navigator;
    final CheckoutScreen screen;

    Checkout(SimPlatform platform) {
        this.platform = platform;
        this.sim = platform.sim();
        this.app = platform.app();
        this.navigator = platform.navigator();
        OrdersApi api = new OrdersApi(platform.network().client(), SHOP, () -> TOKEN);
        this.screen = new CheckoutScreen(app, platform.main(), sim.concurrent("global"), api, navigator);
    }

    /** The order workflow answers with a confirmation after {@code latency}. */
    static Reply confirmedAfter(Duration latency) {
        return Reply.status(201).json("{\"orderId\":\"A-1042\",\"status\":\"placed\"}").after(latency);
    }

    Checkout shopAnswers(Reply reply) {
        platform.network().on("POST", "/orders").respond(reply);
        return this;
    }

    void tapPlaceOrder() {
        sim.runOnMain("the user taps Place order", () -> screen.placeOrder(ORDER));
    }

    /** Moves virtual time to {@code seconds} after the start, running everything due until then. */
    void at(double seconds) {
        sim.advanceTo(Duration.ofMillis(Math.round(seconds * 1000)));
    }

    List<Exchange> ordersSent() {
        return platform.network().exchanges("POST", "/orders");
    }

    static Duration seconds(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
