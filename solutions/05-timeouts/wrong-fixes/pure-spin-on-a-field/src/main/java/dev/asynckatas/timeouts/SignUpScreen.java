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

/** WRONG FIX (see the README beside src/): the question, spinning on a plain field */
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

    private boolean timedOut;

    public void checkUsername(String name) {
        status.show(StatusText.CHECKING);
        status.show(usernameAvailable(name));
    }

    private String usernameAvailable(String name) {
        timedOut = false;
        Availability response = null;
        try {
            response = api.checkUsername(name);
        } catch (IOException noAnswer) {
            // no answer
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        new Timeout(timeout, main, () -> timedOut = true);
        while (!timedOut) {
            if (response != null) {
                return StatusText.of(response);
            }
        }
        return StatusText.TIMED_OUT;
    }
}
