package dev.asynckatas.kit.device;

import dev.asynckatas.kit.sim.SimFuture;
import dev.asynckatas.kit.sim.Simulation;
import dev.asynckatas.platform.TransferResponse;
import dev.asynckatas.platform.TransferService;
import dev.asynckatas.platform.TransferSession;
import dev.asynckatas.platform.TransferTask;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The {@link TransferService} as one process sees it: the sessions it opened, and one {@link TransferTask} object per
 * task (the same object in every call within the process, a new one in the next process).
 */
final class ProcessTransfers implements TransferService {

    private final SimAppProcess process;
    private final SimTransferService service;
    private final Simulation sim;
    private final Map<String, SessionView> sessions = new LinkedHashMap<>();
    private final Map<SimDownload, TaskView> tasks = new LinkedHashMap<>();

    ProcessTransfers(SimAppProcess process, SimTransferService service) {
        this.process = process;
        this.service = service;
        this.sim = process.device().simulation();
    }

    @Override
    public TransferSession backgroundSession(String identifier, TransferSession.Delegate delegate) {
        Objects.requireNonNull(identifier, "identifier");
        ensureAlive("TransferService.backgroundSession('" + identifier + "')");
        return open(identifier, delegate, new ProcessExecutor(process, sim.lane("delegateQueue " + identifier), "delegate queue of '" + identifier + "'"));
    }

    @Override
    public TransferSession backgroundSession(String identifier, TransferSession.Delegate delegate, Executor delegateQueue) {
        Objects.requireNonNull(identifier, "identifier");
        ensureAlive("TransferService.backgroundSession('" + identifier + "')");
        return open(identifier, delegate, Objects.requireNonNull(delegateQueue, "delegateQueue"));
    }

    private TransferSession open(String identifier, TransferSession.Delegate delegate, Executor queue) {
        Objects.requireNonNull(delegate, "delegate");
        if (sessions.containsKey(identifier)) {
            throw new IllegalStateException("A background session with the identifier '" + identifier + "' is already open in process #"
                    + process.number() + ": open exactly one per identifier (Apple calls the behaviour of several undefined); keep the"
                    + " one you opened at launch.");
        }
        SessionView view = new SessionView(identifier);
        sessions.put(identifier, view);
        sim.timeline().note(sim.currentLane() == null ? "test" : sim.currentLane().name(), "process #" + process.number()
                + " opens the background session '" + identifier + "'");
        service.connect(identifier, new SimTransferService.Connection(process, delegate, queue, view));
        return view;
    }

    TaskView view(SimDownload task) {
        return tasks.computeIfAbsent(task, TaskView::new);
    }

    private void ensureAlive(String what) {
        if (!process.isAlive()) {
            process.device().deadProcessCall(process, "its " + what);
            throw new IllegalStateException(what + ": process #" + process.number() + " was terminated; nothing of it can be used");
        }
    }

    /** A background session, as this process opened it. */
    private final class SessionView implements TransferSession {
        private final String identifier;

        SessionView(String identifier) {
            this.identifier = identifier;
        }

        @Override
        public String identifier() {
            return identifier;
        }

        @Override
        public TransferTask download(URI url) {
            Objects.requireNonNull(url, "url");
            ensureAlive("session '" + identifier + "'.download(" + url + ")");
            if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme())) {
                throw new IllegalArgumentException("a background session downloads http and https URLs only, not " + url);
            }
            return view(service.download(identifier, url, process));
        }

        @Override
        public CompletableFuture<List<TransferTask>> allTasks() {
            ensureAlive("session '" + identifier + "'.allTasks()");
            SimFuture<List<TransferTask>> tasks = sim.newFuture("the tasks of session '" + identifier + "'");
            Executor queue = service.connectionQueue(identifier, process);
            Runnable answer = () -> tasks.complete(service.unfinishedTasks(identifier).stream().map(t -> (TransferTask) view(t)).toList());
            if (queue instanceof ProcessExecutor own) {
                own.execute("getAllTasks of '" + identifier + "'", answer);
            } else {
                queue.execute(answer);
            }
            return tasks;
        }

        @Override
        public String toString() {
            return "background session '" + identifier + "' of process #" + process.number();
        }
    }

    /** A task, as this process sees it. */
    private final class TaskView implements TransferTask {
        private final SimDownload task;

        TaskView(SimDownload task) {
            this.task = task;
        }

        @Override
        public long identifier() {
            return task.identifier();
        }

        @Override
        public URI originalRequest() {
            return task.url();
        }

        @Override
        public State state() {
            return task.state;
        }

        @Override
        public Optional<TransferResponse> response() {
            return Optional.ofNullable(task.response);
        }

        @Override
        public long countOfBytesReceived() {
            return task.received;
        }

        @Override
        public long countOfBytesExpectedToReceive() {
            return task.expected;
        }

        @Override
        public Optional<IOException> error() {
            return Optional.ofNullable(task.error);
        }

        @Override
        public void cancel() {
            if (!process.isAlive()) {
                process.device().deadProcessCall(process, "its task " + task.identifier() + ".cancel()");
                return;
            }
            service.cancel(task);
        }

        @Override
        public String toString() {
            return "task " + task.identifier() + " (" + task.url() + ", " + task.state + ")";
        }
    }
}
