package dev.asynckatas.timeouts;

import dev.asynckatas.platform.MainThread;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** CORRECT ALTERNATIVE: orTimeout for the deadline, then an explicit cancel(true) of the exchange; checks counted. */
public final class SignUpScreen {

    private final UsernameApi api;
    private final MainThread main;
    private final UsernameStatus status;
    private final Duration timeout;

    /** How many checks the user has started; a check's outcome is shown only while its number is the latest. Main only. */
    private long checks;
    /** The exchange of the latest check, to abort when the user asks again. Main only. */
    private CompletableFuture<HttpResponse<String>> exchange;

    public SignUpScreen(UsernameApi api, MainThread main, ExecutorService background, UsernameStatus status, Duration timeout) {
        this.api = api;
        this.main = main;
        this.status = status;
        this.timeout = timeout;
    }

    public void checkUsername(String name) {
        if (exchange != null) {
            exchange.cancel(true);
        }
        long number = ++checks;
        CompletableFuture<HttpResponse<String>> sent = api.send(api.request(name).build());
        exchange = sent;
        status.show(StatusText.CHECKING);
        sent.thenApply(response -> api.read(name, response))
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenCompleteAsync((availability, failure) -> {
                    Throwable cause = unwrap(failure);
                    if (cause instanceof TimeoutException) {
                        sent.cancel(true); // orTimeout completed only its own stage: the exchange is still running
                    }
                    if (number != checks || cause instanceof CancellationException) {
                        return;
                    }
                    exchange = null;
                    status.show(failure == null ? StatusText.of(availability) : textFor(cause));
                }, main);
    }

    private static String textFor(Throwable cause) {
        if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException) {
            return StatusText.TIMED_OUT;
        }
        return cause instanceof IOException ? StatusText.NO_CONNECTION : StatusText.UNREADABLE;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
