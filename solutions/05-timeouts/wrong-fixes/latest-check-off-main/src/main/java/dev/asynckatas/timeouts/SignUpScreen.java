package dev.asynckatas.timeouts;

import dev.asynckatas.platform.MainThread;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;

/** WRONG FIX (see the README beside src/): asks "still the latest check?" on the HTTP client's thread, then posts to main */
public final class SignUpScreen {

    private final UsernameApi api;
    private final MainThread main;
    private final UsernameStatus status;
    private final Duration timeout;

    /** The latest check. Written on the main thread, read on the client's threads too: volatile. */
    private volatile Check current;

    public SignUpScreen(UsernameApi api, MainThread main, ExecutorService background, UsernameStatus status, Duration timeout) {
        this.api = api;
        this.main = main;
        this.status = status;
        this.timeout = timeout;
    }

    public void checkUsername(String name) {
        Check previous = current;
        Check check = new Check(name);
        current = check; // first: the previous check's own cancellation, delivered at once, is no longer the latest
        if (previous != null) {
            previous.cancel();
        }
        status.show(StatusText.CHECKING);
        check.start();
    }

    private final class Check {

        private final String name;
        private CompletableFuture<Availability> answer;
        private Timeout deadline;

        Check(String name) {
            this.name = name;
        }

        void start() {
            answer = api.send(api.request(name).build()).thenApply(response -> api.read(name, response));
            deadline = new Timeout(timeout, main, this::timedOut);
            // Decide where the answer arrives, and only then hop to the main thread to show it: no stale answer is
            // even posted. But the decision is stale by the time the post runs: a tap may come in between.
            answer.whenComplete((availability, failure) -> {
                if (current != this) {
                    return;
                }
                String text = failure == null ? StatusText.of(availability) : textFor(failure);
                main.execute(() -> {
                    current = null;
                    deadline.cancel();
                    status.show(text);
                });
            });
        }

        void cancel() {
            deadline.cancel();
            answer.cancel(true);
        }

        private void timedOut() {
            if (current != this) {
                return;
            }
            current = null;
            answer.cancel(true);
            status.show(StatusText.TIMED_OUT);
        }
    }

    private static String textFor(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof HttpTimeoutException) {
            return StatusText.TIMED_OUT;
        }
        if (cause instanceof IOException) {
            return StatusText.NO_CONNECTION;
        }
        return StatusText.UNREADABLE;
    }
}
