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

/** WRONG FIX (see the README beside src/): ignores cancellations, but not an answer that raced past the cancel */
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

    private CompletableFuture<Availability> current;
    private Timeout deadline;

    public void checkUsername(String name) {
        if (current != null) {
            current.cancel(true);
            deadline.cancel();
        }
        CompletableFuture<Availability> check = api.send(api.request(name).build()).thenApply(response -> api.read(name, response));
        Timeout timer = new Timeout(timeout, main, () -> {
            check.cancel(true);
            status.show(StatusText.TIMED_OUT);
        });
        current = check;
        deadline = timer;
        status.show(StatusText.CHECKING);
        check.whenComplete((availability, failure) -> main.execute(() -> {
            if (unwrap(failure) instanceof CancellationException) {
                return; // the previous request, cancelled because the user asked again: not an error
            }
            timer.cancel();
            status.show(failure == null ? StatusText.of(availability) : textFor(failure));
        }));
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
