package dev.asynckatas.kit.device;

import dev.asynckatas.kit.sim.Simulation;
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

/**
 * The {@link Application} of one {@link SimAppProcess}, with UIKit's rules for background tasks: in the background
 * the process runs for at most the device's background time; when it runs out every open task's expiration handler
 * is called synchronously on the main thread, and a task still open then gets the app killed. With no task open (and
 * no wake waiting for its completion handler) a process in the background is suspended at once.
 */
final class ProcessApplication implements Application {

    private record OpenTask(BackgroundTaskId id, String name, Runnable expirationHandler) {
    }

    private final SimAppProcess process;
    private final Simulation sim;
    private final List<LifecycleObserver> observers = new ArrayList<>();
    private final Map<BackgroundTaskId, OpenTask> open = new LinkedHashMap<>();
    private final List<BackgroundTaskId> ended = new ArrayList<>();
    private int nextId = 1;
    private boolean expiring;

    ProcessApplication(SimAppProcess process) {
        this.process = process;
        this.sim = process.device().simulation();
    }

    @Override
    public State state() {
        sim.checkMainThread("Application.state()");
        return process.currentState();
    }

    @Override
    public BackgroundTaskId beginBackgroundTask(String name, Runnable expirationHandler) {
        if (!process.isAlive()) {
            process.device().deadProcessCall(process, "its Application.beginBackgroundTask('" + name + "')");
            return BackgroundTaskId.INVALID;
        }
        if (process.currentState() == State.BACKGROUND && backgroundTimeRemaining().isZero()) {
            note("beginBackgroundTask('" + name + "') too late: no background time left, INVALID");
            return BackgroundTaskId.INVALID;
        }
        BackgroundTaskId id = new BackgroundTaskId(nextId++);
        open.put(id, new OpenTask(id, name, expirationHandler == null ? () -> { } : expirationHandler));
        note("beginBackgroundTask('" + name + "') = " + id);
        return id;
    }

    @Override
    public void endBackgroundTask(BackgroundTaskId id) {
        OpenTask task = open.remove(id);
        if (task == null) {
            sim.recordViolation(Violation.Kind.BACKGROUND_TASK_MISUSE, "endBackgroundTask(" + id + ") in process #" + process.number()
                    + ": " + (ended.contains(id) ? "that task was already ended; end each task exactly once" : "no such background task"));
            return;
        }
        ended.add(id);
        note("endBackgroundTask(" + id + ") '" + task.name() + "'");
        if (!expiring) {
            process.suspendIfIdle();
        }
    }

    @Override
    public Duration backgroundTimeRemaining() {
        State state = process.currentState();
        if (state != State.BACKGROUND) {
            return state == State.ACTIVE ? Duration.ofDays(365_000) : Duration.ZERO;
        }
        Duration left = process.enteredBackgroundAt().plus(process.device().backgroundAllowance()).minus(sim.now());
        return left.isNegative() ? Duration.ZERO : left;
    }

    @Override
    public void addObserver(LifecycleObserver observer) {
        observers.add(observer);
    }

    List<LifecycleObserver> observers() {
        return List.copyOf(observers);
    }

    boolean keepsRunning() {
        return !open.isEmpty();
    }

    List<String> openTaskNames() {
        return open.values().stream().map(OpenTask::name).toList();
    }

    /** The background time ran out: every open task's expiration handler, on the main thread; a task left open kills the app. */
    void expireAll() {
        expiring = true;
        try {
            for (OpenTask task : List.copyOf(open.values())) {
                if (open.containsKey(task.id())) {
                    note("expiration handler of '" + task.name() + "' (" + task.id() + ")");
                    task.expirationHandler().run();
                }
            }
        } finally {
            expiring = false;
        }
        if (!open.isEmpty()) {
            for (OpenTask task : open.values()) {
                sim.recordViolation(Violation.Kind.APP_KILLED, "background task '" + task.name() + "' (" + task.id() + ") of process #"
                        + process.number() + " was still open when the background time ran out at " + SwimLanes.format(sim.now())
                        + ": iOS kills the app (end the task inside its expiration handler)");
            }
            process.terminate("killed: a background task was still open when the background time ran out");
        }
    }

    private void note(String text) {
        sim.timeline().note(sim.currentLane() == null ? TimelineEvent.SYSTEM : sim.currentLane().name(), text);
    }

    @Override
    public String toString() {
        return "Application of process #" + process.number();
    }
}
