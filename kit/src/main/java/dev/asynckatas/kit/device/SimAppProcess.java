package dev.asynckatas.kit.device;

import dev.asynckatas.kit.sim.Simulation;
import dev.asynckatas.kit.sim.Task;
import dev.asynckatas.kit.timeline.SwimLanes;
import dev.asynckatas.kit.timeline.TimelineEvent;
import dev.asynckatas.platform.AppDelegate;
import dev.asynckatas.platform.AppProcess;
import dev.asynckatas.platform.Application;
import dev.asynckatas.platform.MainThread;
import dev.asynckatas.platform.TransferService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One process of the simulated app: from a launch (by the user, or by the system in the background) to its
 * termination. It has its own main thread (the simulation's {@code MAIN} lane, but only for as long as it lives), its
 * own {@link Application} and its own view of the {@link SimTransferService}; the app's objects are built for it by
 * the device's factory, on its main thread, when it launches.
 *
 * <p>Its state follows UIKit: {@code ACTIVE} in front; {@code BACKGROUND} while it runs behind another app (after the
 * user left, or when the system launched or resumed it for a session's events), for at most the background time;
 * {@code SUSPENDED} when nothing keeps it running (its lanes stop); {@code TERMINATED} at the end.
 */
public final class SimAppProcess implements AppProcess {

    /** Who started the process. */
    public enum LaunchedBy { USER, SYSTEM }

    private final SimDevice device;
    private final Simulation sim;
    private final int number;
    private final LaunchedBy launchedBy;
    private final Duration launchedAt;
    private final ProcessExecutor main;
    private final ProcessApplication application;
    private final ProcessTransfers transfers;
    final List<Wake> openWakes = new ArrayList<>();
    private Application.State state;
    private boolean alive = true;
    private Duration terminatedAt;
    private String terminatedBecause;
    private AppDelegate delegate;
    private int backgroundVisit;
    private Duration enteredBackgroundAt;
    private Task backgroundTimeEnds;

    SimAppProcess(SimDevice device, int number, LaunchedBy launchedBy, Application.State initial) {
        this.device = device;
        this.sim = device.simulation();
        this.number = number;
        this.launchedBy = launchedBy;
        this.launchedAt = sim.now();
        this.state = initial;
        this.main = new ProcessExecutor(this, sim.main(), "main thread");
        this.application = new ProcessApplication(this);
        this.transfers = new ProcessTransfers(this, device.transferService());
    }

    // ---------------------------------------------------------------- AppProcess

    @Override
    public MainThread main() {
        return main;
    }

    @Override
    public Application application() {
        return application;
    }

    @Override
    public TransferService transfers() {
        return transfers;
    }

    @Override
    public Path documentsDirectory() {
        return device.documentsDirectory();
    }

    @Override
    public Path cachesDirectory() {
        return device.cachesDirectory();
    }

    // ---------------------------------------------------------------- what tests observe

    /** 1 for the first process of the device, 2 for the next... */
    public int number() {
        return number;
    }

    public LaunchedBy launchedBy() {
        return launchedBy;
    }

    public Duration launchedAt() {
        return launchedAt;
    }

    /** The state, read by the test (no main-thread check). */
    public Application.State state() {
        return state;
    }

    public boolean isAlive() {
        return alive;
    }

    /** When and why it was terminated, if it was. */
    public Optional<Duration> terminatedAt() {
        return Optional.ofNullable(terminatedAt);
    }

    public Optional<String> terminatedBecause() {
        return Optional.ofNullable(terminatedBecause);
    }

    /** The app's delegate the factory built for this process, once the launch has run on its main thread. */
    public Optional<AppDelegate> delegate() {
        return Optional.ofNullable(delegate);
    }

    /** The background tasks of this process that are open. */
    public List<String> openBackgroundTasks() {
        return application.openTaskNames();
    }

    SimDevice device() {
        return device;
    }

    ProcessTransfers transfersView() {
        return transfers;
    }

    ProcessExecutor mainExecutor() {
        return main;
    }

    ProcessApplication applicationView() {
        return application;
    }

    Application.State currentState() {
        return state;
    }

    Duration enteredBackgroundAt() {
        return enteredBackgroundAt;
    }

    /** Whether its code can run now: alive and not suspended. */
    boolean isRunning() {
        return alive && state != Application.State.SUSPENDED;
    }

    // ---------------------------------------------------------------- the system's side

    /** On the main thread, at launch: the factory builds the app's objects, then {@code didFinishLaunching}. */
    void build(java.util.function.Function<AppProcess, AppDelegate> factory) {
        delegate = factory.apply(this);
        if (delegate == null) {
            throw new IllegalStateException("the app's factory returned no AppDelegate for process #" + number);
        }
        delegate.didFinishLaunching();
    }

    /** On the main thread: {@code handleEventsForBackgroundSession}, then the session's events may be delivered. */
    void handleEvents(Wake wake) {
        if (delegate != null && wake.isOpen()) {
            note("handleEventsForBackgroundSession('" + wake.session() + "')");
            delegate.handleEventsForBackgroundSession(wake.session(), wake.completionHandler);
        }
        wake.handleEventsReturned(sim.now());
        device.transferService().wakeReady(wake.session());
    }

    /** The user brings the app to the front (from the background, or resumed from suspension). */
    void toForeground() {
        if (!alive || state == Application.State.ACTIVE) {
            return;
        }
        boolean wasSuspended = state == Application.State.SUSPENDED;
        sim.setAppFrozen(false);
        state = Application.State.BACKGROUND;
        stopBackgroundTime();
        system("the user opens the app" + (wasSuspended ? ": process #" + number + " resumes" : ""));
        main.execute("the app comes to the front", () -> {
            // As in UIKit: willEnterForeground comes while the state is still background; active only afterwards.
            application.observers().forEach(Application.LifecycleObserver::willEnterForeground);
            state = Application.State.ACTIVE;
            backgroundVisit++;
            system("process #" + number + " -> ACTIVE");
        });
        device.transferService().processResumed(this);
    }

    /** The user leaves the app. */
    void toBackground() {
        if (!alive || state != Application.State.ACTIVE) {
            return;
        }
        main.execute("the user leaves the app", () -> {
            if (state != Application.State.ACTIVE) {
                return;
            }
            state = Application.State.BACKGROUND;
            system("process #" + number + " -> BACKGROUND");
            startBackgroundTime();
            application.observers().forEach(Application.LifecycleObserver::didEnterBackground);
            suspendIfIdle();
        });
    }

    /** The system resumes the suspended app in the background (for a session's events). */
    void resumeInBackground() {
        sim.setAppFrozen(false);
        state = Application.State.BACKGROUND;
        system("the system resumes process #" + number + " in the background");
        startBackgroundTime();
    }

    /** A process launched in the background starts its background time at once. */
    void startBackgroundTime() {
        enteredBackgroundAt = sim.now();
        int visit = ++backgroundVisit;
        stopBackgroundTime();
        backgroundTimeEnds = main.schedule(device.backgroundAllowance(), "the background time of process #" + number + " runs out",
                () -> backgroundTimeRunsOut(visit));
    }

    private void stopBackgroundTime() {
        if (backgroundTimeEnds != null) {
            main.cancel(backgroundTimeEnds);
            backgroundTimeEnds = null;
        }
    }

    /** Suspends the process if it runs in the background with nothing to keep it running. */
    void suspendIfIdle() {
        if (alive && state == Application.State.BACKGROUND && openWakes.isEmpty() && !application.keepsRunning()) {
            suspend();
        }
    }

    private void suspend() {
        state = Application.State.SUSPENDED;
        stopBackgroundTime();
        sim.setAppFrozen(true);
        system("process #" + number + " -> SUSPENDED: its lanes stop");
    }

    private void backgroundTimeRunsOut(int visit) {
        if (visit != backgroundVisit || state != Application.State.BACKGROUND) {
            return;
        }
        backgroundTimeEnds = null;
        application.expireAll();
        if (!alive) {
            return; // a background task still open got the app killed
        }
        for (Wake wake : List.copyOf(openWakes)) {
            wake.end(Wake.End.BACKGROUND_TIME_RAN_OUT, sim.now());
            openWakes.remove(wake);
            sim.timeline().problem(TimelineEvent.SYSTEM, "the completion handler of " + "wake #" + wake.number() + " (session '"
                    + wake.session() + "') was not called within the background time (" + SwimLanes.format(device.backgroundAllowance())
                    + "): the system suspends the app anyway");
        }
        suspend();
    }

    /** Ends the process: nothing of it runs again. */
    void terminate(String because) {
        if (!alive) {
            return;
        }
        alive = false;
        state = Application.State.TERMINATED;
        terminatedAt = sim.now();
        terminatedBecause = because;
        backgroundTimeEnds = null;
        // Every task queued on a lane of the app dies with the process: it never runs, in this process or the next.
        sim.pending().stream().filter(task -> task.lane().isPartOfApp()).forEach(task -> task.lane().cancel(task));
        sim.setAppFrozen(true);
        for (Wake wake : openWakes) {
            wake.end(Wake.End.PROCESS_TERMINATED, sim.now());
        }
        openWakes.clear();
        device.processEnded(this);
        device.transferService().processEnded(this);
        system("process #" + number + " TERMINATED (" + because + "): its queued work is dropped, its objects are never called again");
    }

    private void note(String text) {
        sim.timeline().note(sim.currentLane() == null ? TimelineEvent.SYSTEM : sim.currentLane().name(), text);
    }

    private void system(String text) {
        sim.timeline().note(TimelineEvent.SYSTEM, text);
    }

    @Override
    public String toString() {
        return "process #" + number + " (launched by the " + launchedBy.name().toLowerCase(java.util.Locale.ROOT) + " at "
                + SwimLanes.format(launchedAt) + ", " + state + ")";
    }
}
