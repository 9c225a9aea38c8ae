package dev.asynckatas.kit.sim;

import dev.asynckatas.kit.timeline.TimelineEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An {@link ExecutorService} that runs its tasks on the simulation's lanes, so that kata code written against
 * the JDK's executor API (submit, {@code invokeAll}, {@code awaitTermination}, {@code close}) can be tested
 * deterministically:
 * <ul>
 *   <li>{@link #serial} is a single-thread executor (a serial {@code DispatchQueue}): one lane, tasks in order;
 *       {@link #concurrent} is a thread pool with a thread per task: every task gets a lane of its own
 *       ({@code name#1}, {@code name#2}, ...), so tasks race at choice points;
 *   <li>every wait pumps the simulation as {@link SimFuture#join()} does: the {@code Future}s that
 *       {@code submit} returns are {@code SimFuture}s, and {@link #awaitTermination}, {@link #close()},
 *       {@code invokeAll} and {@code invokeAny} run the other lanes until their condition holds, or end in a
 *       {@link DeadlockError} when nothing can make progress. Timed waits wait in virtual time;
 *   <li>{@code Future.cancel(true)} interrupts the task's lane if the task is running, and a task cancelled
 *       before it starts never runs; {@link #shutdownNow()} drops the tasks not yet started and interrupts the
 *       running ones; a task submitted after {@link #shutdown()} is rejected.
 * </ul>
 * A task that {@code execute} runs and that throws is an uncaught exception of the simulation (a thread pool's
 * thread would die with it); a task that {@code submit} runs and that throws fails its future instead.
 */
public final class SimExecutorService implements ExecutorService {

    private final Simulation sim;
    private final String name;
    private final boolean serial;
    private final Set<Handle<?>> queued = new LinkedHashSet<>();
    private final Set<Handle<?>> running = new LinkedHashSet<>();
    private boolean shutdown;

    private SimExecutorService(Simulation sim, String name, boolean serial) {
        this.sim = Objects.requireNonNull(sim);
        this.name = Objects.requireNonNull(name);
        this.serial = serial;
    }

    /** A single-thread executor ({@code Executors.newSingleThreadExecutor()}): tasks run one at a time, in order. */
    public static SimExecutorService serial(Simulation sim, String name) {
        return new SimExecutorService(sim, name, true);
    }

    /** A thread pool with a thread per task ({@code Executors.newCachedThreadPool()}): every task on a lane of its own. */
    public static SimExecutorService concurrent(Simulation sim, String name) {
        return new SimExecutorService(sim, name, false);
    }

    // ---------------------------------------------------------------- submitting

    @Override
    public void execute(Runnable command) {
        Objects.requireNonNull(command, "command");
        Handle<Void> handle = accept(null, command);
        lane().execute(() -> {
            if (!start(handle)) {
                return;
            }
            try {
                command.run();
            } finally {
                finish(handle);
            }
        });
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
        Objects.requireNonNull(task, "task");
        Handle<T> handle = accept("a task submitted to " + name, task);
        lane().execute(() -> {
            if (!start(handle)) {
                return;
            }
            try {
                handle.future.complete(task.call());
            } catch (SimulationError error) {
                throw error;
            } catch (Throwable thrown) {
                handle.future.completeExceptionally(thrown);
            } finally {
                finish(handle);
            }
        });
        return handle.future;
    }

    @Override
    public Future<?> submit(Runnable task) {
        return submit(Executors.callable(Objects.requireNonNull(task, "task")));
    }

    @Override
    public <T> Future<T> submit(Runnable task, T result) {
        return submit(Executors.callable(Objects.requireNonNull(task, "task"), result));
    }

    private <T> Handle<T> accept(String description, Object work) {
        if (shutdown) {
            throw new RejectedExecutionException("The executor " + name + " is shut down: it takes no new task.");
        }
        Handle<T> handle = new Handle<>(work);
        handle.future = description == null ? null : new SimFuture<>(sim, handle, description);
        queued.add(handle);
        return handle;
    }

    private Lane lane() {
        return serial ? sim.lane(name) : sim.newConcurrentLane(name);
    }

    /** Whether the task may run: it was neither cancelled nor dropped by {@code shutdownNow} before it started. */
    private boolean start(Handle<?> handle) {
        if (!queued.remove(handle)) {
            return false;
        }
        if (handle.future != null && handle.future.isDone()) {
            return false;
        }
        handle.lane = sim.currentLane();
        running.add(handle);
        return true;
    }

    private void finish(Handle<?> handle) {
        running.remove(handle);
        handle.lane = null;
        if (isTerminated()) {
            note("terminated");
        }
    }

    // ---------------------------------------------------------------- waiting for several tasks

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
        List<Future<T>> futures = submitAll(tasks);
        try {
            sim.awaitInterruptibly(() -> futures.stream().allMatch(Future::isDone), () -> "invokeAll of " + futures.size() + " task(s) on " + name);
        } catch (InterruptedException interrupted) {
            futures.forEach(f -> f.cancel(true));
            throw interrupted;
        }
        return futures;
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit) throws InterruptedException {
        Duration deadline = deadline(timeout, unit);
        List<Future<T>> futures = submitAll(tasks);
        try {
            sim.awaitUntil(() -> futures.stream().allMatch(Future::isDone), () -> "invokeAll of " + futures.size() + " task(s) on " + name, deadline);
        } finally {
            futures.forEach(f -> f.cancel(true)); // as the JDK does at the deadline: the unfinished ones are cancelled
        }
        return futures;
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        try {
            return invokeAny(tasks, null);
        } catch (TimeoutException impossible) {
            throw new AssertionError(impossible);
        }
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        return invokeAny(tasks, deadline(timeout, unit));
    }

    private <T> T invokeAny(Collection<? extends Callable<T>> tasks, Duration deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("invokeAny needs at least one task");
        }
        List<Future<T>> futures = submitAll(tasks);
        try {
            java.util.function.BooleanSupplier decided = () -> futures.stream().anyMatch(SimExecutorService::succeeded)
                    || futures.stream().allMatch(Future::isDone);
            java.util.function.Supplier<String> what = () -> "invokeAny of " + futures.size() + " task(s) on " + name;
            if (deadline == null) {
                sim.awaitInterruptibly(decided, what);
            } else if (!sim.awaitUntil(decided, what, deadline)) {
                throw new TimeoutException("no task of invokeAny on " + name + " finished in time");
            }
            for (Future<T> future : futures) {
                if (succeeded(future)) {
                    return future.resultNow();
                }
            }
            ExecutionException last = new ExecutionException("every task of invokeAny on " + name + " failed", null);
            for (Future<T> future : futures) {
                if (future.state() == Future.State.FAILED) {
                    last = new ExecutionException(future.exceptionNow());
                }
            }
            throw last;
        } finally {
            futures.forEach(f -> f.cancel(true));
        }
    }

    private static boolean succeeded(Future<?> future) {
        return future.state() == Future.State.SUCCESS;
    }

    private <T> List<Future<T>> submitAll(Collection<? extends Callable<T>> tasks) {
        List<Future<T>> futures = new ArrayList<>(tasks.size());
        for (Callable<T> task : tasks) {
            futures.add(submit(task));
        }
        return futures;
    }

    // ---------------------------------------------------------------- shutting down

    @Override
    public void shutdown() {
        if (!shutdown) {
            shutdown = true;
            note("shutdown" + (isTerminated() ? ", terminated" : ": " + (queued.size() + running.size()) + " task(s) left"));
        }
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> dropped = new ArrayList<>();
        for (Handle<?> handle : List.copyOf(queued)) {
            queued.remove(handle);
            dropped.add(handle.asRunnable()); // as the JDK: their futures stay incomplete unless the caller runs them
        }
        for (Handle<?> handle : List.copyOf(running)) {
            if (handle.lane != null) {
                handle.lane.interrupt();
            }
        }
        note("shutdownNow: " + dropped.size() + " task(s) dropped, " + running.size() + " running task(s) interrupted");
        return dropped;
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown && queued.isEmpty() && running.isEmpty();
    }

    /** Waits, in virtual time and pumping the simulation, until the executor has terminated or the timeout has passed. */
    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return sim.awaitUntil(this::isTerminated, this::describeTermination, deadline(timeout, unit));
    }

    /**
     * As the JDK's {@code ExecutorService.close()} (Java 19): shuts down and waits, for as long as it takes, until
     * every task has finished; pumps the simulation meanwhile, or ends in a {@link DeadlockError}.
     */
    @Override
    public void close() {
        shutdown();
        sim.awaitUntil(this::isTerminated, this::describeTermination);
    }

    private String describeTermination() {
        return "the executor " + name + " to terminate (" + queued.size() + " task(s) queued, " + running.size() + " running)";
    }

    // ---------------------------------------------------------------- helpers

    private Duration deadline(long timeout, TimeUnit unit) {
        Duration wait = Duration.of(Math.max(0, timeout), unit.toChronoUnit());
        return sim.now().plus(wait);
    }

    private void note(String text) {
        Lane lane = sim.currentLane();
        sim.timeline().note(lane == null ? TimelineEvent.SYSTEM : lane.name(), "executor " + name + ": " + text);
    }

    /** How many tasks are queued or running. */
    public int activeTasks() {
        return queued.size() + running.size();
    }

    @Override
    public String toString() {
        return "SimExecutorService[" + name + (serial ? ", serial" : ", concurrent") + ", " + activeTasks() + " task(s)"
                + (isTerminated() ? ", terminated" : shutdown ? ", shut down" : "") + "]";
    }

    /** A submitted task: its future (none for {@code execute}) and, while it runs, its lane. */
    private static final class Handle<T> implements SimFuture.Cancellable {
        final Object work;
        SimFuture<T> future;
        Lane lane;

        Handle(Object work) {
            this.work = work;
        }

        /** The task, for {@code shutdownNow}'s list: running it completes its future, as running a JDK FutureTask does. */
        @SuppressWarnings("unchecked")
        Runnable asRunnable() {
            if (work instanceof Runnable runnable) {
                return runnable;
            }
            return () -> {
                try {
                    future.complete(((Callable<T>) work).call());
                } catch (Exception failed) {
                    future.completeExceptionally(failed);
                }
            };
        }

        /** {@code cancel(true)}: interrupts the task's lane if it is running. */
        @Override
        public boolean cancel() {
            if (lane != null) {
                lane.interrupt();
                return true;
            }
            return false;
        }
    }
}
