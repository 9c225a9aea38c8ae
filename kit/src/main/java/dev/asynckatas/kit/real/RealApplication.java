package dev.asynckatas.kit.real;

import dev.asynckatas.platform.Application;
import dev.asynckatas.platform.BackgroundTaskId;
import dev.asynckatas.platform.MainThread;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The application on real threads and the real clock, with the simulated one's rules: expiration handlers
 * run synchronously on the main thread when the allowance runs out; a task still open then is a kill.
 */
public final class RealApplication implements Application, AutoCloseable {

    private final MainThread main;
    private final InstantSource clock = InstantSource.system();
    private final Duration allowance;
    private final ScheduledExecutorService system = Executors.newSingleThreadScheduledExecutor(
            task -> Thread.ofPlatform().name("system").daemon().unstarted(task));
    private final List<LifecycleObserver> observers = new CopyOnWriteArrayList<>();
    private final Map<BackgroundTaskId, Runnable> open = new LinkedHashMap<>();
    private final List<String> kills = new CopyOnWriteArrayList<>();
    private final List<String> misuses = new CopyOnWriteArrayList<>();
    private volatile State state = State.ACTIVE;
    private volatile Instant enteredBackgroundAt;
    private ScheduledFuture<?> expiration;
    private int nextId = 1;
    /** Counts the user's comings and goings, so a return that the user has already undone changes nothing. */
    private int lifecycleChanges;

    public RealApplication(MainThread main, Duration allowance) {
        this.main = main;
        this.allowance = allowance;
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public synchronized BackgroundTaskId beginBackgroundTask(String name, Runnable expirationHandler) {
        BackgroundTaskId id = new BackgroundTaskId(nextId++);
        open.put(id, expirationHandler);
        return id;
    }

    @Override
    public synchronized void endBackgroundTask(BackgroundTaskId id) {
        if (open.remove(id) == null) {
            misuses.add("endBackgroundTask(" + id + ") of no open task");
        }
    }

    @Override
    public Duration backgroundTimeRemaining() {
        Instant entered = enteredBackgroundAt;
        if (state != State.BACKGROUND || entered == null) {
            return Duration.ofDays(365_000);
        }
        Duration left = Duration.between(clock.instant(), entered.plus(allowance));
        return left.isNegative() ? Duration.ZERO : left;
    }

    @Override
    public void addObserver(LifecycleObserver observer) {
        observers.add(observer);
    }

    /** The user leaves the app. */
    public synchronized void enterBackground() {
        lifecycleChanges++;
        state = State.BACKGROUND;
        enteredBackgroundAt = clock.instant();
        main.execute(() -> observers.forEach(LifecycleObserver::didEnterBackground));
        int visit = lifecycleChanges;
        expiration = system.schedule(() -> expire(visit), allowance.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The user comes back, in UIKit's order: on the main thread, {@code willEnterForeground} while the state still
     * says {@code BACKGROUND}, then the app becomes {@code ACTIVE} ({@code didBecomeActive}).
     */
    public synchronized void enterForeground() {
        if (state == State.TERMINATED || state == State.ACTIVE) {
            return; // a killed app does not come back (it would launch afresh); an active one never left
        }
        if (expiration != null) {
            expiration.cancel(false);
        }
        int comingBack = ++lifecycleChanges;
        main.execute(() -> {
            synchronized (this) {
                if (comingBack != lifecycleChanges || state == State.TERMINATED) {
                    return; // the user left again before the app got here, or it was killed meanwhile
                }
                state = State.BACKGROUND; // a suspended app resumes in the background first
            }
            try {
                observers.forEach(LifecycleObserver::willEnterForeground);
            } finally {
                synchronized (this) {
                    if (comingBack == lifecycleChanges && state != State.TERMINATED) {
                        state = State.ACTIVE;
                    }
                }
            }
        });
    }

    private void expire(int visit) {
        List<Runnable> handlers;
        synchronized (this) {
            if (visit != lifecycleChanges) {
                return; // the user came back in time
            }
            handlers = new ArrayList<>(open.values());
        }
        // Synchronously on the main thread, as UIKit does: the system waits for the handlers.
        CompletableFuture.runAsync(() -> handlers.forEach(Runnable::run), main).join();
        synchronized (this) {
            if (visit != lifecycleChanges) {
                return; // the user came back while the handlers ran
            }
            if (!open.isEmpty()) {
                kills.add(open.size() + " background task(s) still open when the background time ran out");
                state = State.TERMINATED;
            } else {
                state = State.SUSPENDED;
            }
        }
    }

    public List<String> kills() {
        return List.copyOf(kills);
    }

    public List<String> misuses() {
        return List.copyOf(misuses);
    }

    public synchronized int openBackgroundTasks() {
        return open.size();
    }

    @Override
    public void close() {
        system.shutdownNow();
    }
}
