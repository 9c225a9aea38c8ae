package dev.asynckatas.kit.sim;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The simulation's {@link CompletableFuture}. Kata code sees a plain {@code CompletableFuture}; underneath:
 * <ul>
 *   <li>{@link #join()} and {@link #get()} run the simulation until the future completes (a nested run loop),
 *       or throw a {@link DeadlockError} when it never can; {@link #get(long, TimeUnit)} waits in virtual time;
 *   <li>every derived stage ({@code thenApply}, {@code whenComplete}, ...) is a {@code SimFuture} too, and
 *       {@code cancel(true)} on any of them reaches the {@link Cancellable} behind the first one, as the JDK's
 *       {@code HttpClient} futures abort their exchange; {@code cancel(false)} reaches nothing;
 *   <li>{@code *Async} stages without an executor, {@link #orTimeout} and {@link #completeOnTimeout} run on
 *       the simulation, never on the JDK's common pool or its real-time delayer;
 *   <li>a task that polls {@link #isDone()} or {@link #getNow} over and over while time stands still is busy-waiting,
 *       and ends in a {@link LivelockError} instead of hanging the test ({@link Simulation#notePoll}).
 * </ul>
 */
public class SimFuture<T> extends CompletableFuture<T> {

    /** Work behind a future that {@code cancel(true)} can stop: an HTTP exchange, for instance. */
    @FunctionalInterface
    public interface Cancellable {
        /** Stops the work, completing the futures as it sees fit. Returns whether anything was stopped. */
        boolean cancel();
    }

    private final Simulation sim;
    private final Cancellable upstream;
    private final String description;

    public SimFuture(Simulation sim, Cancellable upstream, String description) {
        this.sim = sim;
        this.upstream = upstream;
        this.description = description;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new SimFuture<>(sim, upstream, description);
    }

    @Override
    public Executor defaultExecutor() {
        return sim.commonPool();
    }

    @Override
    public T join() {
        sim.awaitUntil(this::isDone, this::describe);
        return super.join();
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        sim.awaitInterruptibly(this::isDone, this::describe);
        return super.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        Duration deadline = sim.now().plus(Duration.of(timeout, unit.toChronoUnit()));
        if (!sim.awaitUntil(this::isDone, this::describe, deadline)) {
            throw new TimeoutException("no result for " + describe() + " within " + Duration.of(timeout, unit.toChronoUnit()));
        }
        return super.get();
    }

    /** Also counts as a poll of this future: a task that asks it over and over while time stands still is busy-waiting. */
    @Override
    public boolean isDone() {
        if (sim.insideTask()) {
            sim.notePoll(this::describe);
        }
        return super.isDone();
    }

    /** Also counts as a poll of this future, as {@link #isDone()} does. */
    @Override
    public T getNow(T valueIfAbsent) {
        if (sim.insideTask()) {
            sim.notePoll(this::describe);
        }
        return super.getNow(valueIfAbsent);
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean stopped = mayInterruptIfRunning && upstream != null && !isDone() && upstream.cancel();
        return super.cancel(mayInterruptIfRunning) || stopped;
    }

    @Override
    public CompletableFuture<T> orTimeout(long timeout, TimeUnit unit) {
        Duration delay = Duration.of(timeout, unit.toChronoUnit());
        startTimer(delay, "orTimeout(" + delay + ") of " + describe(), () -> completeExceptionally(new TimeoutException()));
        return this;
    }

    @Override
    public CompletableFuture<T> completeOnTimeout(T value, long timeout, TimeUnit unit) {
        Duration delay = Duration.of(timeout, unit.toChronoUnit());
        startTimer(delay, "completeOnTimeout(" + delay + ") of " + describe(), () -> complete(value));
        return this;
    }

    /** As the JDK does, no timer for a future already done, and the timer goes when the future completes first. */
    private void startTimer(Duration delay, String label, Runnable onTimeout) {
        if (!isDone()) {
            Task timer = sim.schedule(sim.lane("timer"), delay, label, onTimeout);
            whenComplete((result, failure) -> sim.cancel(timer));
        }
    }

    /** The simulation this future belongs to. */
    public Simulation simulation() {
        return sim;
    }

    private String describe() {
        return description == null ? "a future" : description;
    }

    @Override
    public String toString() {
        return "SimFuture[" + describe() + (isDone() ? (isCompletedExceptionally() ? ", failed" : ", done") : ", pending") + "]";
    }

    /** Whether a failure is a cancellation, however many completion wrappers surround it. */
    public static boolean isCancellation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CancellationException) {
                return true;
            }
            if (!(t instanceof java.util.concurrent.CompletionException || t instanceof ExecutionException)) {
                return false;
            }
        }
        return false;
    }
}
