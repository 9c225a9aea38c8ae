package dev.asynckatas.kit.real;

import dev.asynckatas.platform.TransferResponse;
import dev.asynckatas.platform.TransferSession;
import dev.asynckatas.platform.TransferTask;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The system's transfer service on real threads and real sockets: background sessions whose downloads run on the
 * JDK's {@link HttpClient}, outside any process of the app, and whose tasks are kept in a journal on disk, so that a
 * service opened again on the same folder (after {@link #close()}, as after the device restarted) knows them all and
 * goes on: a download that was interrupted resumes with {@code Range: bytes=N-} where the server answers
 * {@code 206 Partial Content} with a matching {@code Content-Range}, and starts over where it does not.
 *
 * <p>Delivery follows the simulated service ({@code dev.asynckatas.kit.device.SimTransferService}): one event at a
 * time on the connected delegate's queue, counted as delivered when the call returned in a live process (and then
 * written to the journal), the temporary file deleted when {@code didFinishDownloading} returns, an HTTP error status
 * delivered as a response, progress only to a connected process. When a session's last running task ends and no
 * process has it open, the {@link Host} is asked to wake the app.
 *
 * <p>Simplified: the journal is written at each state change, not at each byte (after a restart the partial file's
 * length is what counts); a download that fails for a network error is not retried; no timeouts, no discretionary
 * scheduling, no uploads.
 */
public final class RealTransferService implements AutoCloseable {

    /** The side of the device the service talks to: is the app running, and wake it. */
    public interface Host {
        /** A session's tasks are done and it has events, and no running process has it open: launch the app for it. */
        void wake(String session);
    }

    private enum Kind { PROGRESS, FINISHED_DOWNLOADING, COMPLETED, FINISHED_EVENTS }

    private record Event(Kind kind, Task task, long written, long total, long expected) {
    }

    record Connection(Object process, TransferSession.Delegate delegate, Executor queue, BooleanSupplier alive,
                      Map<Long, TransferTask> views, java.util.function.Supplier<TransferSession> session) {
    }

    /** One download, as the journal keeps it. */
    final class Task {
        final String session;
        final long id;
        final URI url;
        TransferTask.State state = TransferTask.State.RUNNING;
        int status;
        HttpHeaders headers;
        String etag;
        long received;
        long expected = -1;
        String error;
        boolean finishDelivered;
        boolean completionDelivered;
        /** Set at the headers: a 206 that does not continue the partial file (start over), or a file that cannot be written. */
        boolean startOver;
        IOException cannotWrite;
        CompletableFuture<?> exchange;
        FileChannel channel;

        Task(String session, long id, URI url) {
            this.session = session;
            this.id = id;
            this.url = url;
        }

        Path file() {
            return temporary.resolve(fileName(session, id) + ".tmp");
        }

        Path journalFile() {
            return journal.resolve(fileName(session, id) + ".task");
        }

        Optional<TransferResponse> response() {
            return headers == null ? Optional.empty() : Optional.of(new TransferResponse(url, status, headers));
        }

        @Override
        public String toString() {
            return "task " + id + " of '" + session + "' (" + url + "), " + state + (error == null ? "" : ", failed: " + error);
        }
    }

    private static final class Session {
        final List<Task> tasks = new ArrayList<>();
        final Deque<Event> queue = new ArrayDeque<>();
        Connection connection;
        Event inFlight;
        boolean wakeOpen;
        boolean wakeReady;
        boolean finishEventsQueued;
    }

    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    private final Path journal;
    private final Path temporary;
    private final HttpClient http;
    private final Map<String, Session> sessions = new LinkedHashMap<>();
    private final List<String> requestsWithRange = new ArrayList<>();
    private volatile Host host = session -> { };
    private boolean closed;

    private RealTransferService(Path directory, HttpClient http) throws IOException {
        this.journal = Files.createDirectories(directory.resolve("journal"));
        this.temporary = Files.createDirectories(directory.resolve("tmp"));
        this.http = http;
    }

    /**
     * Opens the service on {@code directory}: the tasks of its journal come back, and those that were running go on.
     *
     * @param http the client the service downloads with (the caller closes it)
     */
    public static RealTransferService open(Path directory, HttpClient http) throws IOException {
        RealTransferService service = new RealTransferService(directory, http);
        service.load();
        return service;
    }

    /** Who is told when a session needs the app. */
    public void host(Host host) {
        this.host = host;
    }

    // ---------------------------------------------------------------- what tests look at

    /** The tasks of every session, as the journal has them. */
    public synchronized List<String> tasks() {
        return sessions.values().stream().flatMap(s -> s.tasks.stream()).map(Task::toString).toList();
    }

    /** The files in the service's temporary folder: partial downloads, and finished ones not yet handed over. */
    public List<Path> temporaryFiles() {
        try (Stream<Path> files = Files.list(temporary)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many bytes of the task's download are on disk. */
    public long bytesOnDisk(String session, long task) {
        try {
            Path file = temporary.resolve(fileName(session, task) + ".tmp");
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** The {@code Range} headers the service has sent, as {@code "url bytes=N-"}. */
    public synchronized List<String> rangeRequests() {
        return List.copyOf(requestsWithRange);
    }

    /** Stops every download where it is (the journal keeps them) and delivers nothing more. */
    @Override
    public synchronized void close() {
        closed = true;
        for (Session session : sessions.values()) {
            for (Task task : session.tasks) {
                if (task.exchange != null) {
                    task.exchange.cancel(true);
                }
                closeChannel(task);
            }
        }
    }

    // ---------------------------------------------------------------- the app's side (through RealAppProcess)

    synchronized void connect(String identifier, Connection connection) {
        Session session = sessions.computeIfAbsent(identifier, id -> new Session());
        if (session.connection != null && session.connection.alive().getAsBoolean() && session.connection.process() == connection.process()) {
            throw new IllegalStateException("A background session with the identifier '" + identifier + "' is already open in this"
                    + " process: open exactly one per identifier.");
        }
        session.connection = connection;
        session.inFlight = null;
        pump(identifier, session);
    }

    synchronized void disconnect(Object process) {
        for (Session session : sessions.values()) {
            if (session.connection != null && session.connection.process() == process) {
                session.connection = null;
                session.inFlight = null;
                session.queue.removeIf(e -> e.kind() == Kind.PROGRESS);
            }
        }
    }

    synchronized Task download(String identifier, URI url) {
        if (closed) {
            throw new IllegalStateException("the transfer service is closed");
        }
        Session session = sessions.computeIfAbsent(identifier, id -> new Session());
        long id = session.tasks.stream().mapToLong(t -> t.id).max().orElse(0) + 1;
        Task task = new Task(identifier, id, url);
        session.tasks.add(task);
        save(task);
        start(task);
        return task;
    }

    synchronized List<Task> unfinished(String identifier) {
        Session session = sessions.get(identifier);
        return session == null ? List.of() : session.tasks.stream().filter(t -> !t.completionDelivered).toList();
    }

    synchronized void cancel(Task task) {
        if (task.state == TransferTask.State.RUNNING && task.exchange != null) {
            task.exchange.cancel(true);
            fail(task, new IOException("cancelled"));
        }
    }

    /** The device launched the app for the session's events. */
    synchronized void wakeBegins(String identifier) {
        Session session = sessions.computeIfAbsent(identifier, id -> new Session());
        session.wakeOpen = true;
        session.wakeReady = false;
        session.finishEventsQueued = false;
    }

    /** {@code handleEventsForBackgroundSession} returned: the wake's events may flow. */
    synchronized void wakeReady(String identifier) {
        Session session = sessions.get(identifier);
        if (session != null) {
            session.wakeReady = true;
            pump(identifier, session);
        }
    }

    synchronized void wakeEnds(String identifier) {
        Session session = sessions.get(identifier);
        if (session != null) {
            session.wakeOpen = false;
        }
    }

    synchronized int undeliveredEvents(String identifier) {
        Session session = sessions.get(identifier);
        return session == null ? 0 : (int) session.queue.stream().filter(e -> e.kind() == Kind.FINISHED_DOWNLOADING || e.kind() == Kind.COMPLETED).count();
    }

    // ---------------------------------------------------------------- downloading

    private void start(Task task) {
        long have = task.received = sizeOf(task.file());
        HttpRequest.Builder request = HttpRequest.newBuilder(task.url).GET();
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
            if (task.etag != null) {
                request.header("If-Range", task.etag);
            }
            requestsWithRange.add(task.url + " bytes=" + have + "-");
        }
        task.exchange = http.sendAsync(request.build(), info -> subscriber(task, have, info))
                .whenComplete((response, failure) -> ended(task, failure));
    }

    /** At the headers: append to the partial file (206 from where it ends), or start over (anything else). */
    private HttpResponse.BodySubscriber<Void> subscriber(Task task, long have, HttpResponse.ResponseInfo info) {
        synchronized (this) {
            boolean resumes = have > 0 && info.statusCode() == 206 && rangeStartsAt(info.headers(), have);
            if (info.statusCode() == 206 && !resumes || info.statusCode() == 416) {
                task.startOver = true; // not the rest of what is on disk: drop it and ask for the whole again
                return HttpResponse.BodySubscribers.replacing(null);
            }
            try {
                task.channel = FileChannel.open(task.file(), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        resumes ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
            } catch (IOException e) {
                task.cannotWrite = e;
                return HttpResponse.BodySubscribers.replacing(null);
            }
            task.status = info.statusCode() == 206 ? 200 : info.statusCode();
            task.headers = info.headers();
            task.etag = info.headers().firstValue("ETag").orElse(task.etag);
            long length = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            task.expected = length < 0 ? -1 : (resumes ? have + length : length);
            task.received = resumes ? have : 0;
            save(task);
        }
        return HttpResponse.BodySubscribers.ofByteArrayConsumer(chunk -> chunk.ifPresent(bytes -> write(task, bytes)));
    }

    private synchronized void write(Task task, byte[] bytes) {
        if (closed || task.channel == null || task.state != TransferTask.State.RUNNING) {
            return;
        }
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                task.channel.write(buffer);
            }
            task.received += bytes.length;
            Session session = sessions.get(task.session);
            if (session.connection != null && session.connection.alive().getAsBoolean()) {
                session.queue.add(new Event(Kind.PROGRESS, task, bytes.length, task.received, task.expected));
                pump(task.session, session);
            }
        } catch (IOException e) {
            task.exchange.cancel(true);
            fail(task, e);
        }
    }

    private synchronized void ended(Task task, Throwable failure) {
        if (closed || task.state != TransferTask.State.RUNNING) {
            return;
        }
        closeChannel(task);
        if (failure != null || task.cannotWrite != null) {
            IOException error = task.cannotWrite != null ? task.cannotWrite
                    : failure instanceof IOException io ? io : new IOException(rootMessage(failure), failure);
            fail(task, error);
            return;
        }
        if (task.startOver) {
            task.startOver = false;
            deleteQuietly(task.file());
            start(task);
            return;
        }
        task.state = TransferTask.State.COMPLETED;
        save(task);
        Session session = sessions.get(task.session);
        session.queue.add(new Event(Kind.FINISHED_DOWNLOADING, task, 0, 0, 0));
        session.queue.add(new Event(Kind.COMPLETED, task, 0, 0, 0));
        pump(task.session, session);
        wakeIfDone(task.session, session);
    }

    private void fail(Task task, IOException error) {
        if (task.state != TransferTask.State.RUNNING) {
            return;
        }
        closeChannel(task);
        task.state = TransferTask.State.COMPLETED;
        task.error = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        deleteQuietly(task.file());
        save(task);
        Session session = sessions.get(task.session);
        session.queue.add(new Event(Kind.COMPLETED, task, 0, 0, 0));
        pump(task.session, session);
        wakeIfDone(task.session, session);
    }

    private void wakeIfDone(String identifier, Session session) {
        boolean running = session.tasks.stream().anyMatch(t -> t.state == TransferTask.State.RUNNING);
        boolean connected = session.connection != null && session.connection.alive().getAsBoolean();
        if (!running && !connected && !session.wakeOpen && undeliveredEvents(identifier) > 0) {
            host.wake(identifier); // the device only schedules the launch: nothing here waits for the app
        }
    }

    // ---------------------------------------------------------------- delivering

    private void pump(String identifier, Session session) {
        Connection connection = session.connection;
        if (closed || session.inFlight != null || connection == null || !connection.alive().getAsBoolean()) {
            return;
        }
        if (session.wakeOpen && !session.wakeReady) {
            return;
        }
        Event next = session.queue.peekFirst();
        if (next == null) {
            if (!session.wakeOpen || session.finishEventsQueued) {
                return;
            }
            session.finishEventsQueued = true;
            next = new Event(Kind.FINISHED_EVENTS, null, 0, 0, 0);
            session.queue.add(next);
        }
        Event event = next;
        session.inFlight = event;
        try {
            connection.queue().execute(() -> deliver(identifier, session, connection, event));
        } catch (RuntimeException rejected) {
            session.inFlight = null; // the process's queue is shut down: it died; the event waits for the next one
        }
    }

    private void deliver(String identifier, Session session, Connection connection, Event event) {
        synchronized (this) {
            if (closed || session.connection != connection || session.inFlight != event || !connection.alive().getAsBoolean()) {
                return;
            }
        }
        TransferTask view = event.task() == null ? null : connection.views().computeIfAbsent(event.task().id, id -> new View(event.task(), connection));
        try {
            switch (event.kind()) {
                case PROGRESS -> connection.delegate().didWriteData(view, event.written(), event.total(), event.expected());
                case FINISHED_DOWNLOADING -> connection.delegate().didFinishDownloading(view, event.task().file());
                case COMPLETED -> connection.delegate().didComplete(view,
                        event.task().error == null ? null : new IOException(event.task().error));
                case FINISHED_EVENTS -> connection.delegate().didFinishEvents(connection.session().get());
            }
        } finally {
            synchronized (this) {
                if (connection.alive().getAsBoolean() && session.inFlight == event) {
                    delivered(event);
                    session.queue.remove(event);
                    session.inFlight = null;
                    pump(identifier, session);
                }
            }
        }
    }

    private void delivered(Event event) {
        Task task = event.task();
        switch (event.kind()) {
            case FINISHED_DOWNLOADING -> {
                task.finishDelivered = true;
                deleteQuietly(task.file()); // moved away, or deleted now: the callback has returned
                save(task);
            }
            case COMPLETED -> {
                task.completionDelivered = true;
                save(task);
            }
            case PROGRESS, FINISHED_EVENTS -> {
            }
        }
    }

    /** A task as a process sees it. */
    private final class View implements TransferTask {
        private final Task task;
        private final Connection connection;

        View(Task task, Connection connection) {
            this.task = task;
            this.connection = connection;
        }

        @Override
        public long identifier() {
            return task.id;
        }

        @Override
        public URI originalRequest() {
            return task.url;
        }

        @Override
        public State state() {
            synchronized (RealTransferService.this) {
                return task.state;
            }
        }

        @Override
        public Optional<TransferResponse> response() {
            synchronized (RealTransferService.this) {
                return task.response();
            }
        }

        @Override
        public long countOfBytesReceived() {
            synchronized (RealTransferService.this) {
                return task.received;
            }
        }

        @Override
        public long countOfBytesExpectedToReceive() {
            synchronized (RealTransferService.this) {
                return task.expected;
            }
        }

        @Override
        public Optional<IOException> error() {
            synchronized (RealTransferService.this) {
                return Optional.ofNullable(task.error).map(IOException::new);
            }
        }

        @Override
        public void cancel() {
            if (connection.alive().getAsBoolean()) {
                RealTransferService.this.cancel(task);
            }
        }

        @Override
        public String toString() {
            return "task " + task.id + " (" + task.url + ")";
        }
    }

    TransferTask view(Task task, Connection connection) {
        return connection.views().computeIfAbsent(task.id, id -> new View(task, connection));
    }

    // ---------------------------------------------------------------- the journal

    private void save(Task task) {
        Properties entry = new Properties();
        entry.setProperty("session", task.session);
        entry.setProperty("id", Long.toString(task.id));
        entry.setProperty("url", task.url.toString());
        entry.setProperty("state", task.state.name());
        entry.setProperty("status", Integer.toString(task.status));
        entry.setProperty("expected", Long.toString(task.expected));
        if (task.etag != null) {
            entry.setProperty("etag", task.etag);
        }
        if (task.headers != null) {
            task.headers.map().forEach((name, values) -> entry.setProperty("header." + name, String.join("\n", values)));
        }
        if (task.error != null) {
            entry.setProperty("error", task.error);
        }
        entry.setProperty("finishDelivered", Boolean.toString(task.finishDelivered));
        entry.setProperty("completionDelivered", Boolean.toString(task.completionDelivered));
        Path written = journal.resolve(task.journalFile().getFileName() + ".new");
        try {
            try (Writer out = Files.newBufferedWriter(written, StandardCharsets.UTF_8)) {
                entry.store(out, "a download of the transfer service");
            }
            Files.move(written, task.journalFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("the transfer service's journal cannot be written in " + journal, e);
        }
    }

    private synchronized void load() throws IOException {
        List<Path> entries;
        try (Stream<Path> files = Files.list(journal)) {
            entries = files.filter(p -> p.getFileName().toString().endsWith(".task")).sorted().toList();
        }
        for (Path file : entries) {
            Properties entry = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                entry.load(in);
            }
            Task task = new Task(entry.getProperty("session"), Long.parseLong(entry.getProperty("id")), URI.create(entry.getProperty("url")));
            task.state = TransferTask.State.valueOf(entry.getProperty("state"));
            task.status = Integer.parseInt(entry.getProperty("status", "0"));
            task.expected = Long.parseLong(entry.getProperty("expected", "-1"));
            task.etag = entry.getProperty("etag");
            task.error = entry.getProperty("error");
            task.finishDelivered = Boolean.parseBoolean(entry.getProperty("finishDelivered"));
            task.completionDelivered = Boolean.parseBoolean(entry.getProperty("completionDelivered"));
            Map<String, List<String>> headers = new LinkedHashMap<>();
            entry.stringPropertyNames().stream().filter(k -> k.startsWith("header.")).sorted()
                    .forEach(k -> headers.put(k.substring("header.".length()), List.of(entry.getProperty(k).split("\n"))));
            task.headers = headers.isEmpty() ? null : HttpHeaders.of(headers, (n, v) -> true);
            Session session = sessions.computeIfAbsent(task.session, id -> new Session());
            session.tasks.add(task);
        }
        for (Session session : sessions.values()) {
            session.tasks.sort(java.util.Comparator.comparingLong(t -> t.id));
            for (Task task : session.tasks) {
                if (task.state == TransferTask.State.RUNNING) {
                    start(task);
                    continue;
                }
                if (task.error == null && !task.finishDelivered) {
                    session.queue.add(new Event(Kind.FINISHED_DOWNLOADING, task, 0, 0, 0));
                }
                if (!task.completionDelivered) {
                    session.queue.add(new Event(Kind.COMPLETED, task, 0, 0, 0));
                }
            }
        }
    }

    // ---------------------------------------------------------------- small things

    private static boolean rangeStartsAt(HttpHeaders headers, long offset) {
        Matcher range = CONTENT_RANGE.matcher(headers.firstValue("Content-Range").orElse(""));
        return range.matches() && Long.parseLong(range.group(1)) == offset;
    }

    private static String fileName(String session, long id) {
        StringBuilder safe = new StringBuilder();
        for (char c : session.toCharArray()) {
            safe.append(Character.isLetterOrDigit(c) || c == '.' || c == '-' ? c : '_');
        }
        return safe + "-" + Integer.toHexString(session.hashCode()) + "-" + id;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static void closeChannel(Task task) {
        if (task.channel != null) {
            try {
                task.channel.close();
            } catch (IOException ignored) {
                // nothing more will be written to it
            }
            task.channel = null;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the service's own folder
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && (cause instanceof java.util.concurrent.CompletionException
                || cause instanceof java.util.concurrent.ExecutionException)) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
