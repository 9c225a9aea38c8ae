package dev.asynckatas.kit.device;

import dev.asynckatas.kit.SimPlatform;
import dev.asynckatas.kit.http.SimNetwork;
import dev.asynckatas.kit.sim.Simulation;
import dev.asynckatas.kit.timeline.TimelineEvent;
import dev.asynckatas.platform.AppDelegate;
import dev.asynckatas.platform.AppProcess;
import dev.asynckatas.platform.Application;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The simulated phone: the app's processes, one at a time, and the system's {@link SimTransferService}, which
 * outlives them. A test drives it as a user and as the system would:
 *
 * <pre>{@code
 * SimDevice device = SimDevice.builder(platform, disk).app(process -> new PodcastApp(process, ...)).build();
 * device.userOpensApp();                                  // process #1 launches, in front
 * device.onMain("tap Download all", app -> ((PodcastApp) app).downloadAll(urls));
 * sim.advanceTo(ofSeconds(1));
 * device.userLeavesApp();                                 // background, then suspended
 * sim.advanceTo(ofSeconds(5));
 * device.systemTerminatesApp();                           // memory pressure: process #1 is gone
 * sim.advanceTo(ofSeconds(30));                           // the downloads end: the system launches process #2
 * }</pre>
 *
 * <p>What it models, as Apple documents it:
 * <ul>
 *   <li>A launch builds the app's objects anew, with the factory, on the new process's main thread, then calls
 *       {@code didFinishLaunching}. The user's launch starts the app in front; the system's, in the background.
 *   <li>A termination drops the process: every task queued on a lane of the app is dropped and never runs, its
 *       objects are never called again by the system, and anything of it used later (through a static field: the JVM
 *       outlives the simulated process) is recorded as a {@link DeadProcessCall}.
 *   <li>In the background the app runs for at most {@link Builder#backgroundAllowance} (30 s by default: typical, not
 *       documented), and only while something keeps it running: a background task, or a {@link Wake} whose completion
 *       handler has not been called yet. Otherwise it is suspended: its lanes stop until the user or the system
 *       resumes it.
 *   <li>When a background session's tasks are done while the app is not running, the system resumes it (suspended)
 *       or launches it (terminated) in the background and calls {@code handleEventsForBackgroundSession} with a
 *       completion handler: a {@link Wake}. Calling the handler lets the system suspend the app again.
 * </ul>
 */
public final class SimDevice {

    /** The builder of a device. */
    public static final class Builder {
        private final SimPlatform platform;
        private final Path disk;
        private Function<AppProcess, AppDelegate> factory;
        private Duration backgroundAllowance = Duration.ofSeconds(30);

        private Builder(SimPlatform platform, Path disk) {
            this.platform = Objects.requireNonNull(platform);
            this.disk = Objects.requireNonNull(disk);
        }

        /** How the app's objects are built at every launch, on the new process's main thread. Required. */
        public Builder app(Function<AppProcess, AppDelegate> factory) {
            this.factory = Objects.requireNonNull(factory);
            return this;
        }

        /** How long the app may run in the background (after the user leaves, or when woken). Default: 30 s. */
        public Builder backgroundAllowance(Duration allowance) {
            this.backgroundAllowance = Objects.requireNonNull(allowance);
            return this;
        }

        public SimDevice build() {
            if (factory == null) {
                throw new IllegalStateException("say how the app is built: SimDevice.builder(...).app(process -> new MyApp(...))");
            }
            return new SimDevice(this);
        }
    }

    /**
     * @param platform the simulation and network the device runs on
     * @param disk     an empty folder for the device's disk: the app's container and the system's files go there
     */
    public static Builder builder(SimPlatform platform, Path disk) {
        return new Builder(platform, disk);
    }

    private final Simulation sim;
    private final Function<AppProcess, AppDelegate> factory;
    private final Duration backgroundAllowance;
    private final Path documents;
    private final Path caches;
    private final SimTransferService transfers;
    private final List<SimAppProcess> processes = new ArrayList<>();
    private final List<Wake> wakes = new ArrayList<>();
    private final List<DeadProcessCall> deadProcessCalls = new ArrayList<>();
    private SimAppProcess current;

    private SimDevice(Builder builder) {
        this.sim = builder.platform.sim();
        this.factory = builder.factory;
        this.backgroundAllowance = builder.backgroundAllowance;
        SimNetwork network = builder.platform.network();
        try {
            this.documents = Files.createDirectories(builder.disk.resolve("app/Documents"));
            this.caches = Files.createDirectories(builder.disk.resolve("app/Library/Caches"));
            this.transfers = new SimTransferService(this, network, Files.createDirectories(builder.disk.resolve("system/nsurlsessiond")));
        } catch (IOException e) {
            throw new UncheckedIOException("the device's disk could not be set up in " + builder.disk, e);
        }
    }

    // ---------------------------------------------------------------- what the user and the system do (test side)

    /**
     * The user opens the app: a new process launches in front if none is running, or the running one comes to the
     * front (resumed if it was suspended). Runs what is due now.
     *
     * @return the process in front
     */
    public SimAppProcess userOpensApp() {
        SimAppProcess process = current;
        if (process == null) {
            process = launch(SimAppProcess.LaunchedBy.USER, null);
        } else {
            process.toForeground();
        }
        runNow();
        return process;
    }

    /** The user leaves the app: it goes to the background, and is suspended unless something keeps it running. */
    public void userLeavesApp() {
        if (current != null) {
            current.toBackground();
        }
        runNow();
    }

    /**
     * The system terminates the app, as it does under memory pressure (usually while the app is suspended): the
     * process is gone, with everything queued in it. Its background sessions' downloads go on.
     */
    public void systemTerminatesApp() {
        if (current != null) {
            current.terminate("terminated by the system (memory pressure)");
        }
        runNow();
    }

    /**
     * Runs {@code action} with the app's delegate on the main thread of the running process, now: a tap, say.
     *
     * @throws IllegalStateException when no process is running, or it is suspended (a suspended app gets no taps)
     */
    public void onMain(String label, Consumer<AppDelegate> action) {
        SimAppProcess process = current;
        if (process == null || process.currentState() == Application.State.SUSPENDED) {
            throw new IllegalStateException("\"" + label + "\": the app is not running in front; open it first (userOpensApp)");
        }
        process.mainExecutor().execute(label, () -> action.accept(process.delegate().orElseThrow(
                () -> new IllegalStateException("the app's delegate was not built: the factory failed at launch"))));
        runNow();
    }

    private void runNow() {
        if (!sim.insideTask()) {
            sim.runCurrent();
        }
    }

    // ---------------------------------------------------------------- what tests observe

    /** The process running now (in front, in the background or suspended), if any. */
    public Optional<SimAppProcess> process() {
        return Optional.ofNullable(current);
    }

    /** Every process so far, in order. */
    public List<SimAppProcess> processes() {
        return List.copyOf(processes);
    }

    /** Every time the system woke the app for a session's events, in order. */
    public List<Wake> wakes() {
        return List.copyOf(wakes);
    }

    /** Everything of a terminated process that was used afterwards. */
    public List<DeadProcessCall> deadProcessCalls() {
        return List.copyOf(deadProcessCalls);
    }

    /** The system's transfer service: its sessions, downloads, temporary files and deliveries. */
    public SimTransferService transferService() {
        return transfers;
    }

    public Simulation simulation() {
        return sim;
    }

    public Duration backgroundAllowance() {
        return backgroundAllowance;
    }

    public Path documentsDirectory() {
        return documents;
    }

    public Path cachesDirectory() {
        return caches;
    }

    // ---------------------------------------------------------------- the system's side

    private SimAppProcess launch(SimAppProcess.LaunchedBy by, String wakingSession) {
        SimAppProcess process = new SimAppProcess(this, processes.size() + 1, by,
                by == SimAppProcess.LaunchedBy.USER ? Application.State.ACTIVE : Application.State.BACKGROUND);
        processes.add(process);
        current = process;
        sim.setAppFrozen(false);
        sim.timeline().note(TimelineEvent.SYSTEM, by == SimAppProcess.LaunchedBy.USER
                ? "the user opens the app: process #" + process.number() + " launches"
                : "the system launches the app in the background: process #" + process.number());
        Wake wake = wakingSession == null ? null : openWake(wakingSession, process, true);
        if (by == SimAppProcess.LaunchedBy.SYSTEM) {
            process.startBackgroundTime();
        }
        // One main-thread turn: the objects, didFinishLaunching, then handleEvents (so the handler is kept before
        // any of the session's events can be delivered).
        process.mainExecutor().execute("launch: the app's objects are built, didFinishLaunching", () -> {
            process.build(factory);
            if (wake != null) {
                process.handleEvents(wake);
            }
            process.suspendIfIdle();
        });
        return process;
    }

    /** The session's tasks are done and the app is not running: wake it (launch, or resume) for the session's events. */
    void wakeFor(String session) {
        SimAppProcess process = current;
        if (process != null && process.isRunning()) {
            return; // running: the events reach it directly
        }
        if (process == null) {
            launch(SimAppProcess.LaunchedBy.SYSTEM, session);
            return;
        }
        process.resumeInBackground();
        Wake wake = openWake(session, process, false);
        process.mainExecutor().execute("handleEventsForBackgroundSession('" + session + "')", () -> process.handleEvents(wake));
    }

    private Wake openWake(String session, SimAppProcess process, boolean launched) {
        Wake wake = new Wake(wakes.size() + 1, session, process, launched, sim.now(), this);
        process.openWakes.add(wake);
        wakes.add(wake);
        sim.timeline().note(TimelineEvent.SYSTEM, "wake #" + wake.number() + ": the session '" + session
                + "' has events and the app is not running");
        return wake;
    }

    /** The wake of {@code session} whose completion handler the app still owes, in the running process. */
    Optional<Wake> openWake(String session) {
        return current == null ? Optional.empty() : current.openWakes.stream().filter(w -> w.session().equals(session)).findFirst();
    }

    /** The app called a wake's completion handler. */
    void completionHandlerCalled(Wake wake) {
        boolean onMain = sim.main().isCurrent();
        String lane = sim.currentLane() == null ? "the test thread" : sim.currentLane().name();
        sim.checkMainThread("the completion handler of handleEventsForBackgroundSession (it belongs to UIKit)");
        SimAppProcess process = wake.process();
        if (!process.isAlive()) {
            deadProcessCall(process, "the completion handler of wake #" + wake.number());
            return;
        }
        int undelivered = transfers.undeliveredEvents(wake.session());
        wake.handlerCalled(new Wake.HandlerCall(sim.now(), lane, onMain, undelivered, wake.finishEventsDeliveredAt().isPresent()));
        if (wake.handlerCalls().size() > 1) {
            sim.timeline().problem(lane, "the completion handler of wake #" + wake.number() + " called again ("
                    + wake.handlerCalls().size() + " times): call it exactly once");
            return;
        }
        sim.timeline().note(lane, "completion handler of wake #" + wake.number() + " called" + (undelivered == 0 ? ""
                : " while " + undelivered + " event(s) of the session were still undelivered"));
        if (undelivered > 0) {
            sim.timeline().problem(lane, "the app said it is done with session '" + wake.session() + "' while " + undelivered
                    + " of its events were not delivered yet: the system may suspend it now");
        }
        wake.end(Wake.End.HANDLER_CALLED, sim.now());
        process.openWakes.remove(wake);
        process.suspendIfIdle();
    }

    void processEnded(SimAppProcess process) {
        if (current == process) {
            current = null;
        }
    }

    void deadProcessCall(SimAppProcess process, String what) {
        DeadProcessCall call = new DeadProcessCall(sim.now(), process.number(), what);
        deadProcessCalls.add(call);
        sim.timeline().problem(sim.currentLane() == null ? TimelineEvent.SYSTEM : sim.currentLane().name(), call.toString()
                + ": on iOS nothing of a terminated process survives it");
    }

    @Override
    public String toString() {
        return "SimDevice with " + processes.size() + " process(es), " + (current == null ? "the app not running" : current.toString());
    }
}
