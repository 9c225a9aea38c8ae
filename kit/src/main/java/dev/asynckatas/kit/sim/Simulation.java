package dev.asynckatas.kit.sim;

import dev.asynckatas.kit.timeline.Timeline;
import dev.asynckatas.kit.timeline.TimelineEvent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A deterministic runtime: a virtual clock, a strict-FIFO {@code MAIN} lane and independent background
 * lanes, all run on the calling (test) thread. Nothing runs and no time passes unless the test drives it:
 * {@link #runCurrent()}, {@link #step()}, {@link #advanceBy(Duration)}, {@link #runUntilIdle()}.
 *
 * <p>Code under test may block on the simulation's own futures ({@link SimFuture}): the wait runs the other
 * lanes until the future completes, as a nested run loop would, or throws a {@link DeadlockError} that names
 * the blocked lane and what it waits for when nothing can make progress.
 *
 * <p>Where tasks on several lanes are ready at once, the {@link ScheduleStrategy} picks one: FIFO by
 * default, a script for property tests, every choice for {@link Exhaustive} exploration.
 *
 * <p>Not thread-safe by design: one simulation belongs to one test thread.
 */
public final class Simulation {

    /** The builder of a simulation; every setting has a default fit for kata tests. */
    public static final class Builder {
        private ScheduleStrategy strategy = ScheduleStrategy.fifo();
        private int stepBudget = 100_000;
        private Duration mainHangLimit = Duration.ofMillis(250);

        /** Who picks the lane at a choice point. Default: FIFO. */
        public Builder strategy(ScheduleStrategy strategy) {
            this.strategy = Objects.requireNonNull(strategy);
            return this;
        }

        /** Steps one drive (or one wait) may take before it is declared a livelock. Default: 100 000. */
        public Builder stepBudget(int stepBudget) {
            this.stepBudget = stepBudget;
            return this;
        }

        /** How long a main-thread task may keep the main thread busy before it counts as a hang. Default: 250 ms. */
        public Builder mainHangLimit(Duration limit) {
            this.mainHangLimit = limit;
            return this;
        }

        public Simulation build() {
            return new Simulation(this);
        }
    }

    /**
     * The simulation each thread is driving right now. When a task never returns (a loop that spins without calling
     * anything the simulation sees), the grader's watchdog reads it to show what ran and what waits behind it.
     */
    private static final Map<Thread, Simulation> DRIVING = new ConcurrentHashMap<>();

    /** The simulation {@code thread} is driving, if any: for reports written by another thread about a stuck one. */
    public static java.util.Optional<Simulation> drivenBy(Thread thread) {
        return java.util.Optional.ofNullable(DRIVING.get(thread));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A simulation with the default settings. */
    public static Simulation create() {
        return builder().build();
    }

    private final ScheduleStrategy strategy;
    private final int stepBudget;
    private final Duration mainHangLimit;
    private final VirtualClock clock = new VirtualClock(this);
    private final Timeline timeline = new Timeline(clock::elapsed);
    private final Map<String, Lane> lanes = new LinkedHashMap<>();
    private final Map<String, Integer> concurrentCounters = new LinkedHashMap<>();
    private final Lane main;
    private final Deque<Lane> running = new ArrayDeque<>();
    private final Deque<String> recentTasks = new ArrayDeque<>();
    private final List<Violation> violations = new ArrayList<>();
    private final List<Throwable> uncaught = new ArrayList<>();
    private Task currentTask;
    private long nextSeq;
    private int steps;
    private boolean driverInterrupted;
    private boolean appFrozen;
    private SimulationError failure;

    private Simulation(Builder builder) {
        this.strategy = builder.strategy;
        this.stepBudget = builder.stepBudget;
        this.mainHangLimit = builder.mainHangLimit;
        this.main = lane("MAIN");
    }

    // ---------------------------------------------------------------- the platform's pieces

    public VirtualClock clock() {
        return clock;
    }

    public Timeline timeline() {
        return timeline;
    }

    /** Time since the simulation started. */
    public Duration now() {
        return clock.elapsed();
    }

    /** The main lane: strict FIFO, where UI work happens. */
    public Lane main() {
        return main;
    }

    /** The serial app lane called {@code name}, created on first use. */
    public Lane lane(String name) {
        return lanes.computeIfAbsent(name, n -> new Lane(this, n, true));
    }

    /**
     * A lane outside the app, which keeps running while the app is suspended: the server, the system.
     * Created on first use.
     */
    public Lane outsideLane(String name) {
        Lane lane = lanes.computeIfAbsent(name, n -> new Lane(this, n, false));
        if (lane.isPartOfApp()) {
            throw new IllegalArgumentException("Lane " + name + " already exists as a lane of the app");
        }
        return lane;
    }

    /**
     * A concurrent executor, like {@code DispatchQueue.global()} or a thread pool: every task gets a lane of
     * its own ({@code name#1}, {@code name#2}, ...), so tasks submitted together race at choice points.
     */
    public Executor concurrent(String name) {
        return task -> schedule(newConcurrentLane(name), Duration.ZERO, null, task);
    }

    /** A fresh lane {@code name#n}, for work that must not queue behind anything (one request, one task). */
    public Lane newConcurrentLane(String name) {
        int n = concurrentCounters.merge(name, 1, Integer::sum);
        return lane(name + "#" + n);
    }

    /** Where {@code *Async} stages without an executor run in the simulation (the JDK would use the common pool). */
    public Executor commonPool() {
        return concurrent("commonPool");
    }

    /** A new incomplete future whose {@code join}/{@code get} drive this simulation. */
    public <T> SimFuture<T> newFuture(String description) {
        return new SimFuture<>(this, null, description);
    }

    /** The lane whose task is running now; {@code null} when the test itself is running. */
    public Lane currentLane() {
        return running.peek();
    }

    /** The task running now; {@code null} when the test itself is running. */
    public Task currentTask() {
        return currentTask;
    }

    /** Whether tasks are running (the test itself is not). */
    public boolean insideTask() {
        return currentTask != null;
    }

    // ---------------------------------------------------------------- scheduling

    Task schedule(Lane lane, Duration delay, String label, Runnable body) {
        Objects.requireNonNull(body, "task");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative delay " + delay);
        }
        String origin = Origins.of(this);
        Task task = new Task(nextSeq++, clock.elapsed().plus(delay), lane, label != null ? label : origin, origin, body);
        // A name#n lane is forgotten once its queue runs empty (see runTask); whoever still holds it may use it again.
        lanes.putIfAbsent(lane.name(), lane);
        lane.queue.add(task);
        return task;
    }

    /** Removes a task that has not run yet (a timer whose future completed first). */
    void cancel(Task task) {
        task.lane().cancel(task);
    }

    /** Every task still queued, in the order FIFO would run them. */
    public List<Task> pending() {
        return lanes.values().stream().flatMap(l -> l.queue.stream()).sorted(Task.ORDER).toList();
    }

    // ---------------------------------------------------------------- driving

    /** Runs the next task, jumping the clock to it if it is due later. Returns false when nothing is left. */
    public boolean step() {
        return drive(() -> {
            Task next = pickNext(null);
            if (next != null) {
                runTask(next);
            }
            return next != null;
        });
    }

    /** Runs every task due now, including those they schedule for now. The clock does not move. */
    public void runCurrent() {
        drive(() -> {
            runDueBy(clock.elapsed());
            return null;
        });
    }

    /** Runs everything due in the next {@code duration}, in order, and leaves the clock {@code duration} later. */
    public void advanceBy(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("Time only moves forward: " + duration);
        }
        advanceTo(clock.elapsed().plus(duration));
    }

    /** Runs everything due up to {@code sinceStart} and leaves the clock there. */
    public void advanceTo(Duration sinceStart) {
        if (sinceStart.compareTo(clock.elapsed()) < 0) {
            throw new IllegalArgumentException("Time only moves forward: it is already " + clock.elapsed() + ", not " + sinceStart);
        }
        drive(() -> {
            runDueBy(sinceStart);
            if (clock.elapsed().compareTo(sinceStart) < 0) {
                clock.advanceTo(sinceStart);
                timeline.note(TimelineEvent.SYSTEM, "time passes: nothing was due");
            }
            return null;
        });
    }

    /** Runs until no task is left that could run, jumping the clock from one task to the next. */
    public void runUntilIdle() {
        drive(() -> {
            runDueBy(null);
            return null;
        });
    }

    /** Runs {@code action} as a task on {@code MAIN} now, and everything else due now: "the user taps". */
    public void runOnMain(String label, Runnable action) {
        main.execute(label, action);
        runCurrent();
    }

    private void runDueBy(Duration limit) {
        Task next;
        while ((next = pickNext(limit)) != null) {
            runTask(next);
            throwIfFailed();
        }
    }

    private <T> T drive(Supplier<T> body) {
        if (insideTask()) {
            throw new IllegalStateException("Drive the simulation from the test, not from inside a task ("
                    + currentTask + "); to wait inside a task, block on a SimFuture.");
        }
        throwIfFailed();
        steps = 0;
        Simulation outer = DRIVING.put(Thread.currentThread(), this);
        try {
            T result = body.get();
            throwIfFailed();
            return result;
        } finally {
            restoreDriving(outer);
        }
    }

    private void restoreDriving(Simulation outer) {
        if (outer == null) {
            DRIVING.remove(Thread.currentThread());
        } else {
            DRIVING.put(Thread.currentThread(), outer);
        }
    }

    /** The next task to run among the lanes that may run, due no later than {@code limit} (null: any time). */
    private Task pickNext(Duration limit) {
        Duration earliest = null;
        for (Lane lane : lanes.values()) {
            Task head = runnableHead(lane);
            if (head != null && (earliest == null || head.due().compareTo(earliest) < 0)) {
                earliest = head.due();
            }
        }
        if (earliest == null || (limit != null && earliest.compareTo(limit) > 0)) {
            return null;
        }
        clock.advanceTo(earliest);
        List<Task> ready = new ArrayList<>();
        for (Lane lane : lanes.values()) {
            Task head = runnableHead(lane);
            if (head != null && head.due().compareTo(clock.elapsed()) <= 0) {
                ready.add(head);
            }
        }
        ready.sort(Task.ORDER);
        if (ready.size() == 1) {
            return ready.get(0);
        }
        int choice = strategy.choose(List.copyOf(ready));
        if (choice != 0) {
            timeline.record(ready.get(choice).lane().name(), TimelineEvent.Kind.CHOICE,
                    "schedule picks " + ready.get(choice).lane().name() + " before " + ready.get(0).lane().name());
        }
        return ready.get(choice);
    }

    private Task runnableHead(Lane lane) {
        if (lane.busy || (appFrozen && lane.isPartOfApp())) {
            return null;
        }
        return lane.queue.peek();
    }

    private void runTask(Task task) {
        if (++steps > stepBudget) {
            throw fail(new LivelockError("The simulation ran " + stepBudget + " tasks without becoming idle: something"
                    + " keeps scheduling work (a polling loop, a timer that repeats forever, a retry without end)."
                    + " Last tasks: " + String.join("; ", recentTasks)));
        }
        Lane lane = task.lane();
        lane.queue.remove(task);
        rememberRecent(task);

        // The test thread's interrupt flag stands for the interrupt status of whichever lane runs on top.
        Lane outer = running.peek();
        boolean outerStatus = Thread.interrupted();
        if (outer != null) {
            outer.interruptStatus |= outerStatus;
        } else {
            driverInterrupted |= outerStatus;
        }
        if (lane.interruptStatus) {
            lane.interruptStatus = false;
            Thread.currentThread().interrupt();
        }
        Task previous = currentTask;
        running.push(lane);
        lane.busy = true;
        currentTask = task;
        Duration start = clock.elapsed();
        clock.taskStarted();
        timeline.record(lane.name(), TimelineEvent.Kind.TASK, task.label());
        Duration late = start.minus(task.due());
        if (lane == main && late.compareTo(mainHangLimit) > 0) {
            timeline.note(lane.name(), "due at " + format(task.due()) + ", runs " + format(late) + " late: the main thread was busy");
        }
        try {
            task.body().run();
        } catch (SimulationError error) {
            throw fail(error);
        } catch (RuntimeException | Error thrown) {
            uncaught.add(thrown);
            recordViolation(Violation.Kind.UNCAUGHT_EXCEPTION, task.label() + " threw " + thrown);
        } finally {
            running.pop();
            lane.busy = false;
            currentTask = previous;
            // A flag the task leaves set is not carried into the lane's next task: a pool thread clears it between
            // tasks (ThreadPoolExecutor.runWorker), and a stale one would fail the next task's blocking calls.
            Thread.interrupted();
            if (outer != null ? outer.interruptStatus : driverInterrupted) {
                Thread.currentThread().interrupt();
            }
            if (outer != null) {
                outer.interruptStatus = false;
            } else {
                driverInterrupted = false;
            }
            if (lane == main && failure == null) {
                Duration busy = clock.elapsed().minus(start);
                if (busy.compareTo(mainHangLimit) > 0) {
                    recordViolation(Violation.Kind.MAIN_THREAD_HANG, "the main thread was blocked for " + format(busy)
                            + " by " + task + " (the limit is " + format(mainHangLimit) + "): the app froze");
                }
            }
            if (lane.name().contains("#") && lane.queue.isEmpty()) {
                lanes.remove(lane.name());
            }
        }
    }

    private void rememberRecent(Task task) {
        if (recentTasks.size() == 10) {
            recentTasks.removeFirst();
        }
        recentTasks.addLast(task.toString());
    }

    // ---------------------------------------------------------------- busy-waiting

    /**
     * Notes that the running task polled {@code what}, a state that only other tasks can change (the clock, a timer, a
     * future). Time stands still while a task runs, and every lane waits for it to return (the simulation is one
     * thread), so a task that polls over and over without waiting is busy-waiting: past a limit (100 000 polls
     * with time standing still) it ends in a {@link LivelockError} that names what it polled and the tasks it is
     * keeping from running, instead of hanging the test. Polls made by the test itself are not counted.
     */
    public void notePoll(Supplier<String> what) {
        clock.poll(what);
    }

    /** The error for a task that polled {@code what} {@code polls} times while time stood still. */
    LivelockError busyWaiting(String what, int polls) {
        Lane spinning = currentLane();
        StringBuilder message = new StringBuilder("Busy-waiting: ").append(currentTask).append(" polled ").append(what)
                .append(' ').append(polls).append(" times while time stood still. Time moves only between tasks, so what it waits for"
                        + " can never happen while it loops");
        List<Task> behind = spinning.queue.stream().sorted(Task.ORDER).toList();
        List<Task> elsewhere = pending().stream().filter(t -> t.lane() != spinning).toList();
        if (!behind.isEmpty()) {
            message.append(": queued behind it on ").append(spinning.name()).append(", ").append(dueLabels(behind, false));
        }
        if (!elsewhere.isEmpty()) {
            message.append(behind.isEmpty() ? ": " : "; ").append("waiting on other lanes (the simulation runs one task at a time,"
                    + " like one thread), ").append(dueLabels(elsewhere, true));
        }
        message.append(". A loop that polls a flag, a timer, a future or the time never lets the work it waits for run;"
                + " react to a callback or a future instead.");
        return new LivelockError(message.toString());
    }

    private static String dueLabels(List<Task> tasks, boolean withLane) {
        return tasks.stream().limit(3).map(t -> "\"" + t.label() + "\" due at " + format(t.due()) + (withLane ? " on " + t.lane().name() : ""))
                .collect(Collectors.joining(", ")) + (tasks.size() > 3 ? ", ..." : "");
    }

    // ---------------------------------------------------------------- blocking

    /**
     * Blocks the current lane (or the test) until {@code done}, running other lanes meanwhile, like a nested
     * run loop. Uninterruptible, like {@code CompletableFuture.join}.
     *
     * @throws DeadlockError when nothing that could make {@code done} true can run
     */
    public void awaitUntil(BooleanSupplier done, Supplier<String> waitingFor) {
        try {
            await(done, waitingFor, null, false);
        } catch (InterruptedException impossible) {
            throw new AssertionError(impossible);
        }
    }

    /** As {@link #awaitUntil}, but an interrupt of the waiting lane ends the wait, like {@code Future.get}. */
    public void awaitInterruptibly(BooleanSupplier done, Supplier<String> waitingFor) throws InterruptedException {
        await(done, waitingFor, null, true);
    }

    /**
     * Waits until {@code done} or until the virtual {@code deadline} (time since start), whichever comes
     * first; at the deadline the clock stands at the deadline. Interruptible.
     *
     * @return whether {@code done} became true
     */
    public boolean awaitUntil(BooleanSupplier done, Supplier<String> waitingFor, Duration deadline) throws InterruptedException {
        return await(done, waitingFor, deadline, true);
    }

    private boolean await(BooleanSupplier done, Supplier<String> waitingFor, Duration deadline, boolean interruptible)
            throws InterruptedException {
        if (done.getAsBoolean()) {
            return true;
        }
        throwIfFailed();
        if (!insideTask()) {
            steps = 0;
        }
        Lane waiter = currentLane();
        timeline.note(waiter == null ? TimelineEvent.SYSTEM : waiter.name(), "blocks waiting for " + waitingFor.get());
        if (waiter == main) {
            Advisories.report(Advisories.Kind.BLOCKS_MAIN, "blocks the main thread waiting for " + waitingFor.get());
        }
        Simulation outer = DRIVING.put(Thread.currentThread(), this);
        try {
            return awaitLoop(done, waitingFor, deadline, interruptible, waiter);
        } finally {
            restoreDriving(outer);
        }
    }

    private boolean awaitLoop(BooleanSupplier done, Supplier<String> waitingFor, Duration deadline, boolean interruptible, Lane waiter)
            throws InterruptedException {
        while (!done.getAsBoolean()) {
            if (interruptible && Thread.interrupted()) {
                timeline.note(waiter == null ? TimelineEvent.SYSTEM : waiter.name(), "interrupted while waiting for " + waitingFor.get());
                throw new InterruptedException("interrupted while waiting for " + waitingFor.get());
            }
            Task next = pickNext(deadline);
            if (next == null) {
                if (deadline != null) {
                    clock.advanceTo(deadline);
                    return done.getAsBoolean();
                }
                throw fail(deadlock(waiter, waitingFor.get()));
            }
            runTask(next);
            throwIfFailed();
        }
        return true;
    }

    private DeadlockError deadlock(Lane waiter, String waitingFor) {
        String who = waiter == null ? "The test" : waiter.name() + ", in task " + currentTask.describe() + ",";
        StringBuilder message = new StringBuilder("Deadlock: ").append(who).append(" blocks waiting for ")
                .append(waitingFor).append(", and nothing that could complete it can run.");
        List<Task> stuck = pending();
        if (stuck.isEmpty()) {
            message.append(" No task is scheduled at all: nothing will ever complete it.");
        }
        for (Lane lane : running) {
            List<Task> behind = lane.queue.stream().sorted(Task.ORDER).toList();
            if (!behind.isEmpty()) {
                message.append("\n  - ").append(lane.name()).append(" is blocked");
                message.append(lane == waiter ? " (by this very wait)" : "").append(", with ").append(behind.size())
                        .append(" task(s) queued behind it: ").append(labels(behind));
            }
        }
        if (appFrozen) {
            List<Task> frozen = stuck.stream().filter(t -> t.lane().isPartOfApp() && !t.lane().busy).toList();
            if (!frozen.isEmpty()) {
                message.append("\n  - the app is suspended, so these cannot run: ").append(labels(frozen));
            }
        }
        if (waiter != null && !waiter.queue.isEmpty()) {
            message.append("\n").append(waiter.name()).append(" waits for work that is queued on ").append(waiter.name())
                    .append(" itself: a serial queue can never run it while it waits.");
        }
        return new DeadlockError(message.toString());
    }

    private static String labels(List<Task> tasks) {
        return tasks.stream().limit(5).map(t -> "\"" + t.label() + "\"").collect(Collectors.joining(", "))
                + (tasks.size() > 5 ? ", ..." : "");
    }

    // ---------------------------------------------------------------- interrupts, freezing

    void interrupt(Lane lane) {
        timeline.note(lane.name(), "interrupted");
        if (running.peek() == lane) {
            Thread.currentThread().interrupt();
        } else {
            lane.interruptStatus = true;
        }
    }

    /** Suspends (true) or resumes (false) every lane of the app; used by the simulated application. */
    public void setAppFrozen(boolean frozen) {
        this.appFrozen = frozen;
    }

    public boolean isAppFrozen() {
        return appFrozen;
    }

    // ---------------------------------------------------------------- checks and failures

    /** Xcode's Main Thread Checker: records a violation when {@code action} is done off the main lane. */
    public void checkMainThread(String action) {
        if (currentLane() != main) {
            String where = currentTask == null ? "the test thread" : currentLane().name() + " (" + currentTask + ")";
            recordViolation(Violation.Kind.MAIN_THREAD_CHECKER, action + " called on " + where
                    + "; it must be used from the main thread only");
        }
    }

    public void recordViolation(Violation.Kind kind, String message) {
        String lane = currentLane() == null ? TimelineEvent.SYSTEM : currentLane().name();
        violations.add(new Violation(clock.elapsed(), kind, lane, message));
        timeline.problem(lane, kind + ": " + message);
    }

    public List<Violation> violations() {
        return List.copyOf(violations);
    }

    public List<Violation> violations(Violation.Kind kind) {
        return violations.stream().filter(v -> v.kind() == kind).toList();
    }

    /** Exceptions thrown by tasks that nobody caught. */
    public List<Throwable> uncaughtExceptions() {
        return List.copyOf(uncaught);
    }

    /** Marks the uncaught exceptions as expected by the test (so the after-each check passes). */
    public List<Throwable> takeUncaughtExceptions() {
        List<Throwable> taken = List.copyOf(uncaught);
        uncaught.clear();
        violations.removeIf(v -> v.kind() == Violation.Kind.UNCAUGHT_EXCEPTION);
        return taken;
    }

    /** Records a failure that ends the simulation; every later drive rethrows the first one. */
    public SimulationError fail(SimulationError error) {
        if (failure == null) {
            failure = error;
            timeline.problem(currentLane() == null ? TimelineEvent.SYSTEM : currentLane().name(),
                    error.getClass().getSimpleName() + ": " + firstLine(error.getMessage()));
        }
        return failure;
    }

    /** The failure that ended the simulation, if any. */
    public java.util.Optional<SimulationError> failure() {
        return java.util.Optional.ofNullable(failure);
    }

    /** Rethrows the failure that ended the simulation, even if the code under test swallowed it. */
    public void throwIfFailed() {
        if (failure != null) {
            throw failure;
        }
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static String format(Duration duration) {
        return dev.asynckatas.kit.timeline.SwimLanes.format(duration);
    }

    /**
     * What a stuck test was doing, for the grader's hang report, read from another thread while the test's thread
     * is stuck: the task that never returned, what is queued behind the busy lanes, and the timeline so far.
     */
    public String describeStuck() {
        StringBuilder out = new StringBuilder();
        Task stuck = currentTask;
        if (stuck != null) {
            out.append("The task that never returned: ").append(stuck.describe()).append(", started at ")
                    .append(format(clock.elapsed())).append(" (virtual time).\n");
        }
        List<Task> queued = pending();
        if (!queued.isEmpty()) {
            out.append("Queued behind it, never run:\n");
            queued.stream().limit(10).forEach(task -> out.append("  - ").append(task.lane().name()).append(": \"")
                    .append(task.label()).append("\" due at ").append(format(task.due())).append('\n'));
        }
        return out.append(timeline.render()).toString();
    }

    @Override
    public String toString() {
        return "Simulation at " + format(clock.elapsed()) + ", " + pending().size() + " task(s) pending";
    }

}
