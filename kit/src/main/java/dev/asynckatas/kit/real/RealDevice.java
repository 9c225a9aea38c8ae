package dev.asynckatas.kit.real;

import dev.asynckatas.platform.AppDelegate;
import dev.asynckatas.platform.AppProcess;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The device on real threads: the app's processes, one at a time, built by a factory at every launch, and a
 * {@link RealTransferService} that outlives them. When a session's downloads are done and no process runs, the device
 * launches the app "in the background" (a new process, {@code didFinishLaunching} then
 * {@code handleEventsForBackgroundSession}) and records what the app does with the completion handler.
 *
 * <p>Simplified, against the simulated device ({@code dev.asynckatas.kit.device.SimDevice}): a process is running or
 * terminated (no suspension, no background time); the terminated process's threads are stopped, so nothing of it runs
 * again; "in front" and "in the background" differ only in who launched it.
 */
public final class RealDevice implements AutoCloseable {

    /**
     * A call of a wake's completion handler.
     *
     * @param session                the session whose events woke the app
     * @param thread                 the thread that called it
     * @param onMain                 whether that was the process's main thread
     * @param eventsStillUndelivered how many of the session's events were not delivered yet
     */
    public record HandlerCall(String session, String thread, boolean onMain, int eventsStillUndelivered) {
    }

    private final Path documents;
    private final Path caches;
    private final Path system;
    private final HttpClient http;
    private final Function<AppProcess, AppDelegate> factory;
    private final List<RealAppProcess> processes = new CopyOnWriteArrayList<>();
    private final List<HandlerCall> handlerCalls = new CopyOnWriteArrayList<>();
    private final List<String> deadProcessCalls = new CopyOnWriteArrayList<>();
    private volatile RealTransferService transfers;
    private volatile RealAppProcess current;

    private RealDevice(Path disk, HttpClient http, Function<AppProcess, AppDelegate> factory) throws IOException {
        this.documents = Files.createDirectories(disk.resolve("app/Documents"));
        this.caches = Files.createDirectories(disk.resolve("app/Library/Caches"));
        this.system = Files.createDirectories(disk.resolve("system/transfers"));
        this.http = http;
        this.factory = factory;
        startTransferService();
    }

    /**
     * @param disk    a folder for the device's disk (the app's container, the transfer service's journal)
     * @param http    the client the transfer service downloads with (the caller closes it)
     * @param factory builds the app's objects at every launch, on the new process's main thread
     */
    public static RealDevice start(Path disk, HttpClient http, Function<AppProcess, AppDelegate> factory) throws IOException {
        return new RealDevice(disk, http, factory);
    }

    /** The user opens the app: a new process, unless one runs. */
    public synchronized RealAppProcess userOpensApp() {
        if (current == null) {
            current = newProcess(false);
            current.launch(factory, null, null);
        }
        return current;
    }

    /** The system terminates the app: its threads stop, its queued work is dropped. */
    public synchronized void terminateApp() {
        if (current != null) {
            current.terminate();
            current = null;
        }
    }

    /**
     * The device restarts: the app is terminated, the transfer service stops where it is and starts again on its
     * journal; the downloads that were running resume, with {@code Range} where the server allows it, and their events
     * wake the app when they are done.
     */
    public synchronized void restart() throws IOException {
        terminateApp();
        transfers.close();
        startTransferService();
    }

    public RealTransferService transferService() {
        return transfers;
    }

    public Optional<RealAppProcess> process() {
        return Optional.ofNullable(current);
    }

    public List<RealAppProcess> processes() {
        return List.copyOf(processes);
    }

    public List<HandlerCall> handlerCalls() {
        return List.copyOf(handlerCalls);
    }

    public List<String> deadProcessCalls() {
        return List.copyOf(deadProcessCalls);
    }

    public Path documentsDirectory() {
        return documents;
    }

    public Path cachesDirectory() {
        return caches;
    }

    private void startTransferService() throws IOException {
        RealTransferService service = RealTransferService.open(system, http);
        service.host(this::wake);
        transfers = service;
    }

    private synchronized void wake(String session) {
        if (current != null) {
            return; // a running process gets the events
        }
        RealAppProcess process = newProcess(true);
        current = process;
        transfers.wakeBegins(session);
        process.launch(factory, session, () -> {
            handlerCalls.add(new HandlerCall(session, Thread.currentThread().getName(), process.main().isCurrent(),
                    transfers.undeliveredEvents(session)));
            transfers.wakeEnds(session);
        });
    }

    private RealAppProcess newProcess(boolean bySystem) {
        RealAppProcess process = new RealAppProcess(this, processes.size() + 1, bySystem);
        processes.add(process);
        return process;
    }

    void deadProcessCall(int process, String what) {
        deadProcessCalls.add(what + " of process #" + process + ", which was terminated");
    }

    /** Terminates the app and stops the transfer service (its journal stays on disk). */
    @Override
    public synchronized void close() {
        terminateApp();
        transfers.close();
    }
}
