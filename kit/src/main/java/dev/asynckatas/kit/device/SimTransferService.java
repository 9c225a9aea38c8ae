package dev.asynckatas.kit.device;

import dev.asynckatas.kit.http.SimNetwork;
import dev.asynckatas.kit.http.SystemExchange;
import dev.asynckatas.kit.sim.Lane;
import dev.asynckatas.kit.sim.Simulation;
import dev.asynckatas.platform.TransferResponse;
import dev.asynckatas.platform.TransferSession;
import dev.asynckatas.platform.TransferTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.stream.Stream;

/**
 * The system's transfer service, {@code nsurlsessiond}: it runs outside the app, on lanes of its own
 * ({@code nsurlsessiond#n}), so its downloads go on while the app is suspended or terminated.
 *
 * <p>What it does, as Apple documents background sessions:
 * <ul>
 *   <li>A session is known by its identifier. Its tasks, and the events they produce, belong to the service, not to a
 *       process of the app: they survive every termination.
 *   <li>Events go to the delegate of the process that opened the session with that identifier, one at a time, on the
 *       delegate's queue: an event counts as delivered when the delegate's method <em>returned</em> in a process that is
 *       still alive; one that was queued in a process that died, or whose process died during the call, is delivered
 *       again to the next process that opens the session. So every task
 *       gets {@code didFinishDownloading} (if a response arrived whole) and {@code didComplete} exactly once, in some
 *       process.
 *   <li>The temporary file is deleted as soon as {@code didFinishDownloading} returns.
 *   <li>An HTTP error status is a response like any other: its body is downloaded, {@code didFinishDownloading} gets it,
 *       and {@code didComplete} has no error. Failures are a refused or reset connection, a body cut short, a cancel,
 *       and a full disk ({@link #storageFull}).
 *   <li>Progress ({@code didWriteData}) reaches only a running app; nothing of it is kept for later.
 *   <li>When the last running task of a session completes while the app is not running, the system wakes the app for
 *       that session ({@link Wake}): the device resumes or launches it in the background, and once
 *       {@code handleEventsForBackgroundSession} has returned the session's events are delivered, then
 *       {@code didFinishEvents}.
 * </ul>
 *
 * <p>Simplified, and said so: every download starts at once (the system may defer transfers, always for a
 * discretionary session or one started in the background); no request or resource timeout; a failed download is not
 * retried and offers no resume data; no uploads, data tasks, authentication challenges, redirects, invalidation of a
 * session, or cancelling of the transfers when the user force-quits the app; {@code suggestedFilename} is not cleaned.
 */
public final class SimTransferService {

    /** What the service has to tell a session's delegate. */
    private enum Kind { PROGRESS, FINISHED_DOWNLOADING, COMPLETED, FINISHED_EVENTS }

    private record Event(Kind kind, SimDownload task, long bytesWritten, long totalWritten, long expected, IOException error) {
        boolean isProgress() {
            return kind == Kind.PROGRESS;
        }

        String method() {
            return switch (kind) {
                case PROGRESS -> "didWriteData";
                case FINISHED_DOWNLOADING -> "didFinishDownloading";
                case COMPLETED -> "didComplete";
                case FINISHED_EVENTS -> "didFinishEvents";
            };
        }
    }

    /** The process that opened a session, and its delegate. */
    record Connection(SimAppProcess process, TransferSession.Delegate delegate, Executor queue, TransferSession view) {
    }

    private static final class Session {
        final String identifier;
        final List<SimDownload> tasks = new ArrayList<>();
        final Deque<Event> queue = new ArrayDeque<>();
        long nextTaskId = 1;
        Connection connection;
        Event inFlight;

        Session(String identifier) {
            this.identifier = identifier;
        }
    }

    private final SimDevice device;
    private final Simulation sim;
    private final SimNetwork network;
    private final Path temporaryDirectory;
    private final Map<String, Session> sessions = new LinkedHashMap<>();
    private final List<Delivery> deliveries = new ArrayList<>();
    private int nextFile = 1;
    private int nextLane = 1;
    private boolean storageFull;

    SimTransferService(SimDevice device, SimNetwork network, Path temporaryDirectory) {
        this.device = device;
        this.sim = device.simulation();
        this.network = network;
        this.temporaryDirectory = temporaryDirectory;
    }

    // ---------------------------------------------------------------- what tests observe and set

    /** Every download of every session, in the order they were asked for. */
    public List<SimDownload> downloads() {
        return sessions.values().stream().flatMap(s -> s.tasks.stream()).toList();
    }

    /** The downloads of the session {@code identifier}. */
    public List<SimDownload> downloads(String identifier) {
        Session session = sessions.get(identifier);
        return session == null ? List.of() : List.copyOf(session.tasks);
    }

    /** Every event delivered so far, in order. */
    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** How many events of the session wait to be delivered (progress not counted). */
    public int undeliveredEvents(String identifier) {
        Session session = sessions.get(identifier);
        return session == null ? 0 : (int) session.queue.stream().filter(e -> !e.isProgress() && e.kind() != Kind.FINISHED_EVENTS).count();
    }

    /** Where the service keeps downloads until {@code didFinishDownloading} returns. */
    public Path temporaryDirectory() {
        return temporaryDirectory;
    }

    /** The files in the service's temporary folder now: downloads in progress, or finished and not yet handed over. */
    public List<Path> temporaryFiles() {
        try (Stream<Path> files = Files.list(temporaryDirectory)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The device's storage is full (or no longer): a download that has bytes to write fails, with its partial file deleted. */
    public void storageFull(boolean full) {
        this.storageFull = full;
        sim.timeline().note("nsurlsessiond", full ? "the device's storage is full" : "the device's storage has room again");
    }

    // ---------------------------------------------------------------- the app's side (through ProcessTransfers)

    /** A process opens the session {@code identifier}: its delegate gets the session's events from now on. */
    void connect(String identifier, Connection connection) {
        Session session = sessions.computeIfAbsent(identifier, Session::new);
        session.connection = connection;
        session.inFlight = null;
        pump(session);
    }

    SimDownload download(String identifier, URI url, SimAppProcess process) {
        Session session = sessions.computeIfAbsent(identifier, Session::new);
        Path file = temporaryDirectory.resolve("CFNetworkDownload_" + nextFile++ + ".tmp");
        SimDownload task = new SimDownload(identifier, session.nextTaskId++, url, process.number(), sim.now(), file);
        session.tasks.add(task);
        sim.timeline().note("nsurlsessiond", "download task " + task.identifier() + " of '" + identifier + "': " + url);
        Lane lane = sim.outsideLane("nsurlsessiond#" + nextLane++);
        task.exchange = SystemExchange.start(network, HttpRequest.newBuilder(url).GET().build(), lane, new Writer(session, task));
        return task;
    }

    /** The delegate queue of the session as {@code process} opened it. */
    Executor connectionQueue(String identifier, SimAppProcess process) {
        Session session = sessions.get(identifier);
        if (session == null || session.connection == null || session.connection.process() != process) {
            throw new IllegalStateException("the session '" + identifier + "' is not open in process #" + process.number());
        }
        return session.connection.queue();
    }

    /** The tasks of a session the app may still hear of: not completed, or whose completion is not delivered yet. */
    List<SimDownload> unfinishedTasks(String identifier) {
        Session session = sessions.get(identifier);
        return session == null ? List.of() : session.tasks.stream().filter(t -> !t.completionDelivered).toList();
    }

    void cancel(SimDownload task) {
        if (task.state != TransferTask.State.RUNNING) {
            return;
        }
        task.exchange.cancel();
        complete(sessions.get(task.session()), task, new IOException("cancelled"));
    }

    /** A process died: its sessions' events wait for the next process; the progress meant for it is dropped. */
    void processEnded(SimAppProcess process) {
        for (Session session : sessions.values()) {
            if (session.connection != null && session.connection.process() == process) {
                session.connection = null;
                session.inFlight = null;
                session.queue.removeIf(Event::isProgress);
            }
        }
    }

    /** A suspended process runs again (the user is back): its sessions' events may flow. */
    void processResumed(SimAppProcess process) {
        for (Session session : sessions.values()) {
            if (session.connection != null && session.connection.process() == process) {
                pump(session);
            }
        }
    }

    /** {@code handleEventsForBackgroundSession} returned: the wake's events may flow. */
    void wakeReady(String identifier) {
        Session session = sessions.get(identifier);
        if (session != null) {
            pump(session);
        }
    }

    // ---------------------------------------------------------------- downloading

    /** Writes a response to its temporary file as it arrives, as the daemon does. */
    private final class Writer implements SystemExchange.Receiver {
        private final Session session;
        private final SimDownload task;

        Writer(Session session, SimDownload task) {
            this.session = session;
            this.task = task;
        }

        @Override
        public void headers(int status, HttpHeaders headers) {
            if (task.state != TransferTask.State.RUNNING) {
                return;
            }
            task.response = new TransferResponse(task.url(), status, headers);
            task.expected = task.response.expectedContentLength();
            write(new byte[0], StandardOpenOption.CREATE_NEW);
        }

        @Override
        public void body(byte[] piece) {
            if (task.state != TransferTask.State.RUNNING || !write(piece, StandardOpenOption.APPEND)) {
                return;
            }
            task.received += piece.length;
            Connection connection = session.connection;
            if (connection != null && connection.process().isRunning()) {
                session.queue.add(new Event(Kind.PROGRESS, task, piece.length, task.received, task.expected, null));
                pump(session);
            }
        }

        @Override
        public void completed() {
            if (task.state != TransferTask.State.RUNNING) {
                return;
            }
            task.state = TransferTask.State.COMPLETED;
            task.completedAt = sim.now();
            sim.timeline().note("nsurlsessiond", "task " + task.identifier() + " finished downloading (" + task.received + " bytes, HTTP "
                    + task.response.statusCode() + ") to " + task.temporaryFile.getFileName());
            session.queue.add(new Event(Kind.FINISHED_DOWNLOADING, task, 0, 0, 0, null));
            session.queue.add(new Event(Kind.COMPLETED, task, 0, 0, 0, null));
            pump(session);
            wakeIfDone(session);
        }

        @Override
        public void failed(IOException failure) {
            complete(session, task, failure);
        }

        private boolean write(byte[] bytes, StandardOpenOption how) {
            try {
                if (storageFull) {
                    throw new IOException("No space left on device: the download could not be stored");
                }
                Files.write(task.temporaryFile, bytes, how, StandardOpenOption.WRITE);
                return true;
            } catch (IOException | RuntimeException cannotWrite) {
                task.exchange.cancel();
                complete(session, task, cannotWrite instanceof IOException io ? io : new IOException(cannotWrite));
                return false;
            }
        }
    }

    /** The task ends without a whole response: its partial file goes, and the delegate hears of the error. */
    private void complete(Session session, SimDownload task, IOException error) {
        if (task.state != TransferTask.State.RUNNING) {
            return;
        }
        task.state = TransferTask.State.COMPLETED;
        task.completedAt = sim.now();
        task.error = error;
        deleteQuietly(task.temporaryFile);
        sim.timeline().note("nsurlsessiond", "task " + task.identifier() + " failed: " + error.getMessage());
        session.queue.add(new Event(Kind.COMPLETED, task, 0, 0, 0, error));
        pump(session);
        wakeIfDone(session);
    }

    private void wakeIfDone(Session session) {
        boolean running = session.tasks.stream().anyMatch(t -> t.state == TransferTask.State.RUNNING);
        if (!running && undeliveredEvents(session.identifier) > 0) {
            device.wakeFor(session.identifier);
        }
    }

    // ---------------------------------------------------------------- delivering

    /** Hands the next event to the connected delegate's queue, if nothing is in flight and the app may hear it. */
    private void pump(Session session) {
        Connection connection = session.connection;
        if (session.inFlight != null || connection == null || !connection.process().isRunning()) {
            return; // a suspended app is handed nothing: it is resumed (by the user, or a wake) first
        }
        Wake wake = device.openWake(session.identifier).filter(w -> w.process() == connection.process()).orElse(null);
        if (wake != null && !wake.handleEventsReturned()) {
            return; // a wake's events follow handleEventsForBackgroundSession
        }
        Event next = session.queue.peekFirst();
        if (next == null) {
            if (wake == null || wake.finishEventsQueued) {
                return;
            }
            wake.finishEventsQueued = true;
            next = new Event(Kind.FINISHED_EVENTS, null, 0, 0, 0, null);
            session.queue.add(next);
        }
        Event event = next;
        session.inFlight = event;
        String label = event.method() + (event.task() == null ? "('" + session.identifier + "')" : " (task " + event.task().identifier() + ")");
        Runnable delivery = () -> deliver(session, connection, event, wake);
        if (connection.queue() instanceof ProcessExecutor queue) {
            queue.execute(label, delivery);
        } else {
            connection.queue().execute(delivery);
        }
        sim.timeline().note("nsurlsessiond", "-> process #" + connection.process().number() + ": " + label);
    }

    private void deliver(Session session, Connection connection, Event event, Wake wake) {
        if (session.connection != connection || session.inFlight != event || !connection.process().isAlive()) {
            return; // a stale hand-over: the process that got it is gone, the event waits for the next one
        }
        ProcessTransfers transfers = connection.process().transfersView();
        try {
            switch (event.kind()) {
                case PROGRESS -> connection.delegate().didWriteData(transfers.view(event.task()), event.bytesWritten(),
                        event.totalWritten(), event.expected());
                case FINISHED_DOWNLOADING -> {
                    event.task().finishDeliveries++;
                    connection.delegate().didFinishDownloading(transfers.view(event.task()), event.task().temporaryFile);
                }
                case COMPLETED -> {
                    event.task().completionDeliveries++;
                    connection.delegate().didComplete(transfers.view(event.task()), event.error());
                }
                case FINISHED_EVENTS -> {
                    if (wake != null) {
                        wake.finishEventsDelivered(sim.now()); // from the call on: a handler called inside it comes after it
                    }
                    connection.delegate().didFinishEvents(connection.view());
                }
            }
        } finally {
            if (connection.process().isAlive()) {
                delivered(session, connection, event, wake);
            }
            // Else the process died inside the call: the event was not delivered, and waits for the next process.
        }
    }

    private void delivered(Session session, Connection connection, Event event, Wake wake) {
        SimDownload task = event.task();
        switch (event.kind()) {
            case FINISHED_DOWNLOADING -> {
                task.leftInPlace = Files.exists(task.temporaryFile);
                if (task.leftInPlace) {
                    deleteQuietly(task.temporaryFile);
                    sim.timeline().problem("nsurlsessiond", "didFinishDownloading of task " + task.identifier() + " returned and the file was"
                            + " still at its temporary location: the system deletes it (move it before returning)");
                } else {
                    sim.timeline().note("nsurlsessiond", "didFinishDownloading of task " + task.identifier() + " returned: the file was moved away");
                }
            }
            case COMPLETED -> task.completionDelivered = true;
            case PROGRESS, FINISHED_EVENTS -> {
            }
        }
        deliveries.add(new Delivery(sim.now(), connection.process().number(), session.identifier, event.method(),
                task == null ? 0 : task.identifier(), task == null ? null : task.url()));
        session.queue.remove(event);
        if (session.inFlight == event) {
            session.inFlight = null;
        }
        pump(session);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // The service's own folder: nothing the app could do about it.
        }
    }

    @Override
    public String toString() {
        return "SimTransferService with " + sessions.size() + " session(s), " + downloads().size() + " download(s)";
    }
}
