package dev.asynckatas.timeouts;

import dev.asynckatas.platform.MainThread;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;

/**
 * The sign-up screen's user-name check. The user types a name and taps "Check"; the label under the field says
 * {@link StatusText#CHECKING}, then whether the name is free, or why the app cannot tell: the server did not answer in
 * time, there is no connection, or its answer could not be read. The user may tap again, with another name, at any
 * moment.
 *
 * <p>The reference solution of kata 05. Nothing waits: the request goes out with {@code sendAsync}, and two things
 * may end a check, whichever comes first, both delivered on the main thread: its answer (or failure), and its
 * {@link Timeout}, one deadline for the whole check, which gives up for real by cancelling the exchange. A new check
 * replaces the previous one: it cancels its exchange and its timer, and whatever the old check still delivers (an
 * answer already on its way to the main thread, its cancellation) is no news and shows nothing.
 */
public final class SignUpScreen {

    private final UsernameApi api;
    private final MainThread main;
    private final UsernameStatus status;
    private final Duration timeout;

    /** The check whose outcome the label is waiting for; null when none is. Main thread only. */
    private Check current;

    /**
     * @param api        the accounts server's user-name check
     * @param main       the main thread, where the screen lives and where the {@link Timeout} helper fires
     * @param background a pool for work that must not run on the main thread: this design does not need it, since
     *                   nothing here blocks
     * @param status     the label under the name field: main thread only
     * @param timeout    how long one check may take in all before the label says the server did not answer
     */
    public SignUpScreen(UsernameApi api, MainThread main, ExecutorService background, UsernameStatus status, Duration timeout) {
        this.api = api;
        this.main = main;
        this.status = status;
        this.timeout = timeout;
    }

    /** The user tapped "Check" for {@code name}. Called on the main thread; returns at once. */
    public void checkUsername(String name) {
        if (current != null) {
            current.cancel(); // the user asked again: the previous check is no longer wanted
        }
        current = new Check(name);
        status.show(StatusText.CHECKING);
        current.start();
    }

    /** One check: its exchange and its deadline. Every method runs on the main thread. */
    private final class Check {

        private final String name;
        private CompletableFuture<Availability> answer;
        private Timeout deadline;

        Check(String name) {
            this.name = name;
        }

        void start() {
            answer = api.send(api.request(name).build()).thenApply(response -> api.read(name, response));
            // One deadline for the whole check: connection, headers and body. HttpRequest.timeout alone would cover the
            // headers only, and a body that stalls after them would never end.
            deadline = new Timeout(timeout, main, this::timedOut);
            answer.whenCompleteAsync(this::finished, main);
        }

        /** Replaced by a newer check: stop the timer, abort the exchange (cancel(true) on a stage of sendAsync does). */
        void cancel() {
            deadline.cancel();
            answer.cancel(true);
        }

        private void timedOut() {
            if (current != this) {
                return;
            }
            current = null;
            answer.cancel(true); // give up for real: the server stops sending to an app that no longer listens
            status.show(StatusText.TIMED_OUT);
        }

        private void finished(Availability availability, Throwable failure) {
            if (current != this) {
                // Replaced by a newer check, or timed out already: its answer (even one that was on its way to the
                // main thread when the user tapped again), its error and its cancellation are no news.
                return;
            }
            current = null;
            deadline.cancel();
            status.show(failure == null ? StatusText.of(availability) : textFor(failure));
        }
    }

    /** What the label says about a check that failed: a timeout, no connection, or an answer it could not read. */
    private static String textFor(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof HttpTimeoutException) {
            return StatusText.TIMED_OUT; // a request timeout, or a connect timeout (HttpConnectTimeoutException)
        }
        if (cause instanceof IOException) {
            return StatusText.NO_CONNECTION;
        }
        return StatusText.UNREADABLE;
    }
}
