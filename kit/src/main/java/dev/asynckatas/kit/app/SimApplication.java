package dev.asynckatas.kit.app;

import dev.asynckatas.kit.sim.Simulation;
import dev.asynckatas.kit.sim.Task;
import dev.asynckatas.kit.sim.Violation;
import dev.asynckatas.kit.timeline.SwimLanes;
import dev.asynckatas.kit.timeline.TimelineEvent;
import dev.asynckatas.platform.Application;
import dev.asynckatas.platform.BackgroundTaskId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated {@link Application}, faithful to UIKit where kata code can tell:
 * <ul>
 *   <li>the user leaving ({@link #enterBackground()}) and coming back ({@link #enterForeground()}) are
 *       main-thread events that notify the observers;
 *   <li>coming back happens in UIKit's order: the app resumes in the background, {@code willEnterForeground}
 *       is delivered while {@link #state()} still says {@code BACKGROUND}, and only then does the app become
 *       {@code ACTIVE} ({@code didBecomeActive}), in the same main-thread task: work the observers queue on
 *       main runs after it and sees {@code ACTIVE};
 *   <li>in the background the app gets {@link #allowance()} (30 s by default) from the moment it left; then
 *       every open task's expiration handler runs synchronously on {@code MAIN}; a task still open when the
 *       handlers return gets the app killed ({@link Violation.Kind#APP_KILLED}) and nothing of it runs again;
 *   <li>with no task open in the background the app is suspended: its lanes stop until the user comes back;
 *   <li>an {@code end} of an unknown id, or a second {@code end} of one, is recorded as misuse.
 * </ul>
 */
public final class SimApplication implements Application {

    public static final Duration DEFAULT_ALLOWANCE = Duration.ofSeconds(30);
    /** What {@link #backgroundTimeRemaining()} says while active, like UIKit's "greatest finite magnitude". */
    public static final Duration UNLIMITED = Duration.ofDays(365_000);

    private final Simulation sim;
    private final Duration allowance;
    private final List<LifecycleObserver> observers = new ArrayList<>();
    private final Map<BackgroundTaskId, BackgroundTaskRecord> open = new LinkedHashMap<>();
    private final List<BackgroundTaskRecord> all = new ArrayList<>();
    private State state = State.ACTIVE;
    private Duration enteredBackgroundAt;
    private int backgroundVisit;
    private int nextId = 1;
    private BackgroundTaskRecord expiring;
    /** True while {@code willEnterForeground} is being delivered: still BACKGROUND, but on the way to the front. */
    private boolean enteringForeground;
    /** The end of the background allowance, while it is ahead. */
    private Task expiration;

    public SimApplication(Simulation sim) {
        this(sim, DEFAULT_ALLOWANCE);
    }

    public SimApplication(Simulation sim, Duration allowance) {
        this.sim = sim;
        this.allowance = allowance;
    }

    // ---------------------------------------------------------------- Application

    @Override
    public State state() {
        sim.checkMainThread("Application.state()");
        return state;
    }

    @Override
    public BackgroundTaskId beginBackgroundTask(String name, Runnable expirationHandler) {
        if (state == State.BACKGROUND && !enteringForeground && backgroundTimeRemaining().isZero()) {
            note("beginBackgroundTask('" + name + "') too late: no background time left, INVALID");
            return BackgroundTaskId.INVALID;
        }
        BackgroundTaskId id = new BackgroundTaskId(nextId++);
        BackgroundTaskRecord task = new BackgroundTaskRecord(id, name, sim.now(), laneName(), state,
                expirationHandler == null ? () -> { } : expirationHandler);
        open.put(id, task);
        all.add(task);
        note("beginBackgroundTask('" + name + "') = " + id);
        return id;
    }

    @Override
    public void endBackgroundTask(BackgroundTaskId id) {
        BackgroundTaskRecord task = open.remove(id);
        if (task == null) {
            boolean endedBefore = all.stream().anyMatch(t -> t.id().equals(id));
            sim.recordViolation(Violation.Kind.BACKGROUND_TASK_MISUSE, "endBackgroundTask(" + id + "): "
                    + (endedBefore ? "that task was already ended; end each task exactly once" : "no such background task"));
            return;
        }
        task.ended(sim.now(), laneName(), expiring == task);
        note("endBackgroundTask(" + id + ") '" + task.name() + "'");
        if (state == State.BACKGROUND && open.isEmpty() && expiring == null && !enteringForeground) {
            suspend();
        }
    }

    @Override
    public Duration backgroundTimeRemaining() {
        if (state == State.ACTIVE || enteringForeground) {
            // On the way to the front the allowance no longer applies: its expiration is already cancelled.
            // (UIKit does not document this value during willEnterForeground; the kit's choice.)
            return UNLIMITED;
        }
        if (state != State.BACKGROUND) {
            return Duration.ZERO;
        }
        Duration left = enteredBackgroundAt.plus(allowance).minus(sim.now());
        return left.isNegative() ? Duration.ZERO : left;
    }

    @Override
    public void addObserver(LifecycleObserver observer) {
        observers.add(observer);
    }

    // ---------------------------------------------------------------- what the user does (test side)

    /** The user leaves the app: {@code didEnterBackground} on {@code MAIN}, now. */
    public void enterBackground() {
        userDoes("the user leaves the app", this::movedToBackground);
    }

    /**
     * The user comes back: the app resumes, {@code willEnterForeground} on {@code MAIN} while the state is still
     * {@code BACKGROUND}, then the app becomes {@code ACTIVE}; now.
     */
    public void enterForeground() {
        if (state == State.TERMINATED) {
            sim.timeline().note(TimelineEvent.SYSTEM, "the user opens the app again: it launches afresh, the old process was killed");
            return;
        }
        sim.timeline().note(TimelineEvent.SYSTEM, "the user comes back" + (state == State.SUSPENDED ? ": the app resumes" : ""));
        sim.setAppFrozen(false);
        userDoes("the user comes back", this::movedToForeground);
    }

    private void userDoes(String what, Runnable onMain) {
        sim.main().execute(what, onMain);
        if (!sim.insideTask()) {
            sim.runCurrent();
        }
    }

    // ---------------------------------------------------------------- what the system does

    private void movedToBackground() {
        if (state != State.ACTIVE) {
            return;
        }
        state = State.BACKGROUND;
        enteredBackgroundAt = sim.now();
        int visit = ++backgroundVisit;
        system("app -> BACKGROUND");
        observers.forEach(LifecycleObserver::didEnterBackground);
        if (open.isEmpty()) {
            suspend();
        } else {
            expiration = sim.main().schedule(allowance, "background time runs out", () -> expire(visit));
        }
    }

    private void movedToForeground() {
        if (state == State.TERMINATED || state == State.ACTIVE) {
            return; // willEnterForeground comes only with a return from the background, as in UIKit
        }
        state = State.BACKGROUND; // a suspended app resumes in the background first, as in UIKit
        backgroundVisit++;
        if (expiration != null) {
            sim.main().cancel(expiration); // back in time: the allowance no longer runs out
            expiration = null;
        }
        system("willEnterForeground: the app is still BACKGROUND");
        enteringForeground = true;
        try {
            observers.forEach(LifecycleObserver::willEnterForeground);
        } finally {
            enteringForeground = false;
            state = State.ACTIVE;
            system("app -> ACTIVE (didBecomeActive)");
        }
    }

    private void expire(int visit) {
        if (visit != backgroundVisit || state != State.BACKGROUND) {
            return;
        }
        for (BackgroundTaskRecord task : List.copyOf(open.values())) {
            if (!open.containsKey(task.id())) {
                continue;
            }
            task.expiring();
            note("expiration handler of '" + task.name() + "' (" + task.id() + ")");
            expiring = task;
            try {
                task.expirationHandler.run();
            } finally {
                expiring = null;
            }
        }
        if (!open.isEmpty()) {
            for (BackgroundTaskRecord task : open.values()) {
                sim.recordViolation(Violation.Kind.APP_KILLED, "background task '" + task.name() + "' (" + task.id()
                        + ") was still open when the background time ran out at " + SwimLanes.format(sim.now())
                        + ": iOS kills the app (end the task inside its expiration handler)");
            }
            state = State.TERMINATED;
            sim.setAppFrozen(true);
            system("app KILLED: nothing of it runs any more");
        } else {
            suspend();
        }
    }

    private void suspend() {
        state = State.SUSPENDED;
        sim.setAppFrozen(true);
        system("app -> SUSPENDED: its lanes stop");
    }

    // ---------------------------------------------------------------- what tests observe

    /** The state, read by the test (no main-thread check). */
    public State currentState() {
        return state;
    }

    /**
     * Whether {@code willEnterForeground} is being delivered right now: the state still says {@code BACKGROUND},
     * but the user is coming back and sees whatever is put on screen now.
     */
    public boolean isEnteringForeground() {
        return enteringForeground;
    }

    public Duration allowance() {
        return allowance;
    }

    /** Every background task begun so far, in order. */
    public List<BackgroundTaskRecord> backgroundTasks() {
        return List.copyOf(all);
    }

    /** The tasks begun and not ended. */
    public List<BackgroundTaskRecord> openBackgroundTasks() {
        return List.copyOf(open.values());
    }

    /** The kill, if the app was killed. */
    public Optional<Violation> kill() {
        return sim.violations(Violation.Kind.APP_KILLED).stream().findFirst();
    }

    public boolean wasKilled() {
        return state == State.TERMINATED;
    }

    private void note(String text) {
        sim.timeline().note(laneName(), text);
    }

    private void system(String text) {
        sim.timeline().note(TimelineEvent.SYSTEM, text);
    }

    private String laneName() {
        return sim.currentLane() == null ? "test" : sim.currentLane().name();
    }
}
