package dev.asynckatas.timeouts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.asynckatas.kit.real.RealMainThread;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The sign-up screen on the real face: a real main thread, the JDK's HttpClient on loopback sockets (pinned to
 * HTTP/1.1: the fixtures speak it, and an abort must close the connection the slow-body server watches), a real
 * background pool, and a label that records what it showed and on which thread.
 *
 * <p>Nothing here sleeps. The waits are bounded, and each says what did not happen. Closing frees everything the
 * code under test left blocked, in an order that cannot turn a blocked call into a spinning one: first the servers
 * let go of what they hold (the caller's {@code release}), then the main thread is given time to finish, and only
 * then are the client and the threads shut down.
 */
final class RealSignUp implements AutoCloseable {

    /** How long the main thread may take to run a task posted to it: a screen that never blocks needs microseconds. */
    static final Duration MAIN_PATIENCE = Duration.ofSeconds(2);
    /** How long anything else that should take milliseconds may take: it only matters when something is broken. */
    static final Duration PATIENCE = Duration.ofSeconds(5);

    /** One line of the label's history: a tap, or a text shown (and whether on the main thread). */
    record Event(boolean tap, String text, boolean onMain) {
        @Override
        public String toString() {
            return tap ? "[the user taps Check for " + text + "]" : "\"" + text + "\"" + (onMain ? "" : " (off the main thread)");
        }
    }

    final RealMainThread main = new RealMainThread();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /**
     * The background pool, on platform threads: a wrong fix that spins on it must not pin the few carrier threads that
     * every virtual thread of the JVM shares (the slow-body server's among them).
     */
    final ExecutorService background = Executors.newCachedThreadPool(Thread.ofPlatform().name("global-", 1).daemon().factory());
    final List<Event> events = new CopyOnWriteArrayList<>();
    final SignUpScreen screen;
    private final AtomicReference<Thread> mainThread = new AtomicReference<>();
    private final Runnable release;

    /**
     * @param server  the accounts server
     * @param timeout the screen's timeout
     * @param release lets go of whatever the server still holds (runs first on close)
     */
    RealSignUp(URI server, Duration timeout, Runnable release) {
        this.release = release;
        UsernameStatus label = text -> events.add(new Event(false, text, main.isCurrent()));
        this.screen = new SignUpScreen(new UsernameApi(http, server), main, background, label, timeout);
        main.execute(() -> mainThread.set(Thread.currentThread()));
    }

    /** The user taps "Check" for {@code name}: a task on the main thread. */
    void tap(String name) {
        main.execute(() -> {
            events.add(new Event(true, name, true));
            screen.checkUsername(name);
        });
    }

    /** The main thread runs a task posted now within {@link #MAIN_PATIENCE}; otherwise it is blocked, and this says where. */
    void assertMainThreadResponsive(String after) throws InterruptedException {
        CountDownLatch probe = new CountDownLatch(1);
        main.execute(probe::countDown);
        if (!probe.await(MAIN_PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
            Thread blocked = mainThread.get();
            String stack = blocked == null ? "(not started)" : Arrays.stream(blocked.getStackTrace()).limit(25)
                    .map(frame -> "    at " + frame).collect(Collectors.joining("\n"));
            throw new AssertionError("The main thread did not run a task for " + MAIN_PATIENCE.toSeconds() + " s " + after
                    + ": it is blocked, and the app is frozen. Never wait on the main thread. It was here:\n" + stack);
        }
    }

    /** The first text other than "Checking…" shown after the last tap, waited for at most {@link #PATIENCE}. */
    Event awaitOutcome() {
        try {
            await().dontCatchUncaughtExceptions().pollDelay(Duration.ZERO).atMost(PATIENCE).until(() -> outcomeAfterLastTap() != null);
        } catch (ConditionTimeoutException nothing) {
            throw new AssertionError("The label showed no outcome within " + PATIENCE.toSeconds() + " s of the last tap (it showed: "
                    + events + ")");
        }
        return outcomeAfterLastTap();
    }

    private Event outcomeAfterLastTap() {
        List<Event> after = sinceLastTap();
        return after.stream().filter(e -> !e.text().equals(StatusText.CHECKING)).findFirst().orElse(null);
    }

    /** What the label showed since the last tap. */
    List<Event> sinceLastTap() {
        List<Event> all = List.copyOf(events);
        int last = -1;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).tap()) {
                last = i;
            }
        }
        return all.subList(last + 1, all.size());
    }

    @Override
    public void close() throws InterruptedException {
        try {
            // The server lets go of what it holds, again and again (a blocked tap may have another one queued behind it),
            // until the main thread has run a task posted now and the background pool has finished its tasks: then
            // nothing the test started is blocked any more. Only then does the client go: shut down under a blocked
            // call, the call would fail, and a loop waiting for it might spin for ever. The main thread stays up until
            // the end, so that a timer a background task waits for can still fire.
            CountDownLatch idle = new CountDownLatch(1);
            main.execute(idle::countDown);
            background.shutdown();
            try {
                // Uncaught exceptions of other threads (the code under test, once released) are not the test's business here.
                await().dontCatchUncaughtExceptions().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20)).atMost(PATIENCE).until(() -> {
                    release.run();
                    return idle.getCount() == 0 && background.isTerminated();
                });
            } catch (ConditionTimeoutException stillBusy) {
                // A thread that never lets go (a loop that spins) cannot be stopped; shutting down is all we can do.
            }
        } finally {
            http.shutdownNow();
            background.shutdownNow();
            main.close();
        }
    }
}
