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

/** WRONG FIX (see the README beside src/): a bounded blocking wait on the main thread */
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

    public void checkUsername(String name) {
        status.show(StatusText.CHECKING);
        CompletableFuture<Availability> check = api.send(api.request(name).build()).thenApply(response -> api.read(name, response));
        try {
            status.show(StatusText.of(check.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)));
        } catch (java.util.concurrent.TimeoutException late) {
            check.cancel(true);
            status.show(StatusText.TIMED_OUT);
        } catch (java.util.concurrent.ExecutionException failed) {
            status.show(textFor(failed.getCause()));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            check.cancel(true);
        }
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
