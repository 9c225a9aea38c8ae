package dev.asynckatas.timeouts;

import dev.asynckatas.platform.MainThread;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** CORRECT ALTERNATIVE: applyToEither of the answer and a timer; the loser is cancelled. */
public final class SignUpScreen {

    private final UsernameApi api;
    private final MainThread main;
    private final UsernameStatus status;
    private final Duration timeout;

    /** The race of the latest check; main thread only. */
    private CompletableFuture<String> race;
    private Runnable stopLatest = () -> { };

    public SignUpScreen(UsernameApi api, MainThread main, ExecutorService background, UsernameStatus status, Duration timeout) {
        this.api = api;
        this.main = main;
        this.status = status;
        this.timeout = timeout;
    }

    public void checkUsername(String name) {
        stopLatest.run();
        CompletableFuture<String> answer = api.send(api.request(name).build())
                .thenApply(response -> StatusText.of(api.read(name, response)))
                .exceptionally(SignUpScreen::textFor);
        CompletableFuture<String> tooLate = new CompletableFuture<>();
        Future<?> timer = main.schedule(timeout, () -> tooLate.complete(StatusText.TIMED_OUT));
        CompletableFuture<String> first = answer.applyToEither(tooLate, text -> text);
        race = first;
        stopLatest = () -> {
            timer.cancel(false);
            answer.cancel(true);
        };
        status.show(StatusText.CHECKING);
        first.thenAcceptAsync(text -> {
            if (race != first) {
                return;
            }
            race = null;
            stopLatest.run(); // the loser: the timer, or the exchange
            stopLatest = () -> { };
            status.show(text);
        }, main);
    }

    private static String textFor(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof java.util.concurrent.CancellationException) {
            return null; // stopped by the next tap: never shown, the race is no longer the latest
        }
        if (cause instanceof HttpTimeoutException) {
            return StatusText.TIMED_OUT;
        }
        return cause instanceof IOException ? StatusText.NO_CONNECTION : StatusText.UNREADABLE;
    }
}
