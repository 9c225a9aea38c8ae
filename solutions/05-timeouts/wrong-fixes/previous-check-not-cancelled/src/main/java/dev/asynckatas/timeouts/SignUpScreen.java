package dev.asynckatas.timeouts;

import dev.asynckatas.platform.MainThread;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeoutException;

/** WRONG FIX (see the README beside src/): ignores the previous check, never cancels it */
public final class SignUpScreen {

    private final UsernameApi api;
    private final MainThread main;
    private final ExecutorService background;
    private final UsernameStatus status;
    private final Duration timeout;

    public SignUpScreen(UsernameApi api, MainThread main, ExecutorService background, UsernameStatus status, Duration timeout) {
        this.api = api;
        this.main = main;
        this.background = background;
        this.status = status;
        this.timeout = timeout;
    }

    private Object current;

    public void checkUsername(String name) {
        Object check = new Object();
        current = check;
        status.show(StatusText.CHECKING);
        CompletableFuture<Availability> answer = api.send(api.request(name).build()).thenApply(response -> api.read(name, response));
        Timeout deadline = new Timeout(timeout, main, () -> {
            answer.cancel(true);
            if (current == check) {
                current = null;
                status.show(StatusText.TIMED_OUT);
            }
        });
        answer.whenCompleteAsync((availability, failure) -> {
            deadline.cancel();
            if (current != check) {
                return;
            }
            current = null;
            status.show(failure == null ? StatusText.of(availability) : textFor(failure));
        }, main);
    }

    private static String textFor(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            return StatusText.TIMED_OUT;
        }
        if (cause instanceof IOException) {
            return StatusText.NO_CONNECTION;
        }
        return StatusText.UNREADABLE;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
