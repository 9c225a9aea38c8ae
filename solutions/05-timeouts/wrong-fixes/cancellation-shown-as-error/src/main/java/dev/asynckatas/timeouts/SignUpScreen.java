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

/** WRONG FIX (see the README beside src/): treats the cancellation of the previous check as an error */
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
        check.whenCompleteAsync((availability, failure) -> {
            timer.cancel();
            if (failure == null) {
                status.show(StatusText.of(availability));
            } else if (!timer.hasFired()) {
                Throwable cause = unwrap(failure);
                status.show(cause instanceof UnreadableAnswerException ? StatusText.UNREADABLE
                        : cause instanceof HttpTimeoutException ? StatusText.TIMED_OUT : StatusText.NO_CONNECTION);
            }
        }, main);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
