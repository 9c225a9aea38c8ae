package dev.asynckatas.callbacksvsdelegates;

import dev.asynckatas.kit.http.PlainHttpClient;
import dev.asynckatas.kit.races.RaceCheck;
import dev.asynckatas.platform.MainThread;
import dev.asynckatas.platform.ScreenView;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import javax.net.ssl.SSLSession;

/**
 * One forecast screen, opened, with plain fakes around it (no simulation, no sockets), for {@link ForecastRaceTest}:
 * the given {@link WeatherService} on an HTTP client whose requests wait until the story answers them; a main thread, a
 * global executor and the service's queue that run what they are given when the story's threads say so; and a view
 * that records what it was asked to show once the screen was closed. A fresh one per interleaving.
 */
final class ForecastRace {

    /**
     * The budget of each check. The windows of the catalogue's wrong fixes show at the 26th interleaving at the latest
     * (a close between reading the handle and clearing {@code current}, while the task stores and checks again), the
     * others by the 6th; a close while the answer arrives exhausts its orders in 3. A fix of the first costs the whole
     * budget: about 30 ms of CPU per interleaving on top of about a second that every check pays to instrument the JDK's
     * HTTP client and {@code CompletableFuture}.
     */
    static final int INTERLEAVINGS = 50;

    private final Main main = new Main();
    private final Queue global = new Queue();
    private final Queue serviceQueue = new Queue();
    private final Network http = new Network();
    private final View view = new View();
    private final ForecastScreen screen;
    /** The task the story's other thread runs, taken from its queue before the threads start (null if none). */
    private Runnable handedOver;
    private boolean settled; // the test's thread only

    private ForecastRace() {
        WeatherService service = new WeatherService(new WeatherApi(http, URI.create("http://weather.test")), serviceQueue);
        screen = new ForecastScreen(service, main, global, view, "Lisbon");
        screen.open(); // on the test's thread, the main thread until the check's threads start
    }

    /**
     * The user closes the screen on the main thread while the global queue runs what the screen handed it (the
     * asker's hop, if the screen kept it). No answer comes.
     */
    static RaceCheck<ForecastRace> closeWhileTheRequestStarts() {
        return RaceCheck.of(() -> new ForecastRace().handOver(race -> race.global)).stateOutsideTheModel().interleavings(INTERLEAVINGS)
                .thread("global queue", ForecastRace::runsTheTaskHandedOver)
                .thread("main", ForecastRace::userCloses);
    }

    /**
     * The answer has arrived (the global queue, if the screen uses one, ran first): the service's queue calls the screen
     * back while the user closes it on the main thread.
     */
    static RaceCheck<ForecastRace> closeWhileTheAnswerArrives() {
        return RaceCheck.of(() -> new ForecastRace().answered().handOver(race -> race.serviceQueue)).stateOutsideTheModel().interleavings(INTERLEAVINGS)
                .thread("service queue", ForecastRace::runsTheTaskHandedOver)
                .thread("main", ForecastRace::userCloses);
    }

    private ForecastRace answered() {
        global.runQueued();
        http.answerEverySentRequest();
        return this;
    }

    private ForecastRace handOver(java.util.function.Function<ForecastRace, Queue> queue) {
        handedOver = queue.apply(this).next();
        return this;
    }

    // The other thread runs one task, taken from its queue before the threads start and run straight from the body: the
    // drawing of an interleaving shows the calls a body makes and the steps inside them, no deeper, so the screen's own
    // steps (its check, its fetch, its store, its post) show only when its task runs from the body.

    /** The global queue runs what the screen handed it (the asker's hop), or the service's queue calls back. */
    private void runsTheTaskHandedOver() {
        if (handedOver != null) {
            handedOver.run();
        }
    }

    /**
     * The main thread: the user's close. What is posted to main runs after it, when the story is settled, even what was
     * posted before the close: as if the user's tap had been queued first, an order the main thread can always take.
     */
    private void userCloses() {
        view.screenClosed(); // the screen is gone from the user's sight the moment they close it
        screen.close();
    }

    /**
     * After the story: the main thread, the global queue and the service's queue run what is still queued on them (as
     * they would, later). The network does not answer again: a request still running now runs on for a closed screen.
     */
    ForecastRace settled() {
        if (!settled) {
            settled = true;
            while (main.runQueued() | global.runQueued() | serviceQueue.runQueued()) {
                // a task on one may queue another on the other
            }
        }
        return this;
    }

    /** Requests the screen sent that were neither answered nor cancelled. */
    int runningRequests() {
        return http.running();
    }

    /** What the view was asked to show after the user closed the screen. */
    List<String> shownOnTheClosedScreen() {
        return view.shownWhileClosed();
    }

    /** A serial queue that runs its tasks when told to, on the thread that tells it. */
    private static class Queue implements Executor {
        private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

        @Override
        public synchronized void execute(Runnable task) {
            tasks.add(task);
        }

        /** Runs the queued tasks, and those they queue, in order; whether it ran any. */
        boolean runQueued() {
            boolean ran = false;
            for (Runnable task = take(); task != null; task = take()) {
                task.run();
                ran = true;
            }
            return ran;
        }

        /** The next task, if any. */
        Runnable next() {
            return take(); // the lock's steps one call deeper, where the drawing of an interleaving leaves them out
        }

        private synchronized Runnable take() {
            return tasks.poll();
        }
    }

    /**
     * The main thread: a serial queue, run by the check's thread named "main" during the story, and by the test's thread
     * (which builds and settles the story) before and after it.
     */
    private static final class Main extends Queue implements MainThread {
        private final Thread testThread = Thread.currentThread();

        @Override
        public boolean isCurrent() {
            return Thread.currentThread() == testThread || Thread.currentThread().getName().equals("main");
        }

        @Override
        public Future<?> schedule(Duration delay, Runnable task) {
            throw new UnsupportedOperationException("the forecast screen needs no timer, and this race check has none");
        }
    }

    /** The screen's view: remembers what it was asked to show once the screen was closed. */
    private static final class View implements ScreenView {
        private final List<String> shownWhileClosed = new ArrayList<>();
        private volatile boolean closed;

        void screenClosed() {
            closed = true;
        }

        synchronized List<String> shownWhileClosed() {
            return List.copyOf(shownWhileClosed);
        }

        @Override
        public void showLoading() {
            record("Loading…");
        }

        @Override
        public void show(String content) {
            record(content);
        }

        @Override
        public void showError(String message) {
            record("an error: " + message);
        }

        private synchronized void record(String what) {
            if (closed) {
                shownWhileClosed.add(what);
            }
        }
    }

    /**
     * The HTTP client: each request waits until the story answers it (200, the weather in Lisbon). As with the JDK's
     * client, {@code cancel(true)} on the future or on a stage derived from it aborts the request.
     */
    private static final class Network extends PlainHttpClient {
        private final List<Request> sent = new ArrayList<>();

        /** Every request sent so far gets its answer (one cancelled meanwhile stays cancelled). */
        void answerEverySentRequest() {
            for (Request request : sentSoFar()) {
                request.complete(Answer.LISBON);
            }
        }

        synchronized int running() {
            return (int) sent.stream().filter(r -> !r.isDone()).count();
        }

        private synchronized List<Request> sentSoFar() {
            return List.copyOf(sent);
        }

        @Override
        @SuppressWarnings("unchecked") // the kata asks for a String body, the only kind this client answers with
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
            Request sending = new Request(null);
            synchronized (this) {
                sent.add(sending);
            }
            return (CompletableFuture<HttpResponse<T>>) (CompletableFuture<?>) sending;
        }

    }

    /** A request in flight: its stages share it, and {@code cancel(true)} on any of them aborts it. */
    private static final class Request extends CompletableFuture<HttpResponse<String>> {
        private final Request sent;

        Request(Request sent) {
            this.sent = sent == null ? this : sent;
        }

        @Override
        public <U> CompletableFuture<U> newIncompleteFuture() {
            @SuppressWarnings("unchecked") // a stage of any type: only its cancel matters here
            CompletableFuture<U> stage = (CompletableFuture<U>) (CompletableFuture<?>) new Request(sent);
            return stage;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            if (mayInterruptIfRunning && sent != this) {
                sent.completeExceptionally(new CancellationException("Request cancelled"));
            }
            return super.cancel(mayInterruptIfRunning);
        }
    }

    /** The server's answer. */
    private record Answer(int statusCode, String body) implements HttpResponse<String> {
        static final Answer LISBON = new Answer(200, "{\"city\":\"Lisbon\",\"temperature\":21.4,\"summary\":\"sunny\"}");

        @Override
        public HttpRequest request() {
            return HttpRequest.newBuilder(URI.create("http://weather.test/weather?city=Lisbon")).build();
        }

        @Override
        public Optional<HttpResponse<String>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public HttpHeaders headers() {
            return HttpHeaders.of(Map.of(), (name, value) -> true);
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return URI.create("http://weather.test/weather?city=Lisbon");
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
