package dev.asynckatas.backgroundtask;

import dev.asynckatas.kit.SimPlatform;
import dev.asynckatas.kit.app.BackgroundTaskRecord;
import dev.asynckatas.kit.app.SimApplication;
import dev.asynckatas.kit.app.SimNavigator;
import dev.asynckatas.kit.http.Exchange;
import dev.asynckatas.kit.http.Reply;
import dev.asynckatas.kit.sim.Simulation;
import java.net.URI;
import dev.asynckatas.kit.timeline.SwimLanes;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** The kata's story on the simulated platform: a checkout screen, the shop behind it, and the customer. */
final class Checkout {

    static final URI SHOP = URI.create("https://shop.test");
    static final String TOKEN = "tok_live_5fT9qL2x";
    static final Order ORDER = new Order("espresso-beans-1kg", 2);
    /** A task never ended keeps the app running for the rest of the story. */
    private static final Duration LONGER_THAN_ANY_STORY = Duration.ofDays(365);

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

    /** The user leaves the app at {@code seconds}. */
    void leaveAt(double seconds) {
        at(seconds);
        app.enterBackground();
    }

    /** The user comes back at {@code seconds}. */
    void comeBackAt(double seconds) {
        at(seconds);
        app.enterForeground();
    }

    /**
     * While the user was away from {@code from} until the order was placed at {@code placedAt}, some background task
     * was open at every instant: iOS suspends an app in the background that has none, and the answer would then wait
     * for the user's return. Any number of tasks may do it, begun whenever the code likes.
     */
    void assertKeptRunningWhileAway(double from, double placedAt) {
        Duration covered = seconds(from);
        Duration until = seconds(placedAt);
        List<BackgroundTaskRecord> tasks = app.backgroundTasks().stream()
                .sorted(Comparator.comparing(BackgroundTaskRecord::begunAt)).toList();
        for (BackgroundTaskRecord task : tasks) {
            if (task.begunAt().compareTo(covered) <= 0) {
                Duration end = task.endedAt().orElse(LONGER_THAN_ANY_STORY);
                covered = end.compareTo(covered) > 0 ? end : covered;
            }
        }
        if (covered.compareTo(until) < 0) {
            throw new AssertionError("The app was not kept running in the background from " + SwimLanes.format(seconds(from))
                    + " until the order was placed at " + SwimLanes.format(until) + ": no background task was open at "
                    + SwimLanes.format(covered) + ", so iOS suspended the app and the answer had to wait for the user's return."
                    + " Background tasks: " + describe(tasks) + ".");
        }
    }

    /**
     * Once the order was placed at {@code placedAt}, no background task begun before was still open: each one ends as
     * soon as the work is done, not when the user comes back or when the time runs out.
     */
    void assertNoTaskOpenAfter(double placedAt) {
        Duration placed = seconds(placedAt);
        for (BackgroundTaskRecord task : app.backgroundTasks()) {
            if (task.begunAt().compareTo(placed) <= 0 && task.endedAt().map(end -> end.compareTo(placed) > 0).orElse(true)) {
                throw new AssertionError("The " + task + ", but the order was placed at " + SwimLanes.format(placed)
                        + ": end the background task as soon as the order is placed (or has failed), not when the user comes"
                        + " back or the background time runs out. Background tasks: " + describe(app.backgroundTasks()) + ".");
            }
        }
    }

    private static String describe(List<BackgroundTaskRecord> tasks) {
        return tasks.isEmpty() ? "none" : tasks.stream().map(BackgroundTaskRecord::toString).collect(Collectors.joining("; "));
    }

    List<Exchange> ordersSent() {
        return platform.network().exchanges("POST", "/orders");
    }

    static Duration seconds(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
