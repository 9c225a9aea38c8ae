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

/** WRONG FIX (see the README beside src/): a deadline per step instead of one for the whole check */
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
    private Timeout bodyDeadline;

    public void checkUsername(String name) {
        if (current != null) {
            current.cancel(true);
            if (bodyDeadline != null) {
                bodyDeadline.cancel();
            }
        }
        CompletableFuture<Availability>[] self = new CompletableFuture[1];
        java.net.http.HttpResponse.BodyHandler<String> startsTheBodyTimer = info -> {
            main.execute(() -> {
                if (current == self[0] && !self[0].isDone()) {
                    bodyDeadline = new Timeout(timeout, main, () -> {
                        if (current == self[0]) {
                            self[0].cancel(true);
                            status.show(StatusText.TIMED_OUT);
                        }
                    });
                }
            });
            return java.net.http.HttpResponse.BodyHandlers.ofString().apply(info);
        };
        CompletableFuture<Availability> check = api.send(api.request(name).timeout(timeout).build(), startsTheBodyTimer)
                .thenApply(response -> api.read(name, response));
        self[0] = check;
        current = check;
        status.show(StatusText.CHECKING);
        check.whenCompleteAsync((availability, failure) -> {
            if (check != current || unwrap(failure) instanceof CancellationException) {
                return;
            }
            if (bodyDeadline != null) {
                bodyDeadline.cancel();
            }
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
