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

/** WRONG FIX (see the README beside src/): the question's loop on a background thread */
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
        Timeout timer = new Timeout(timeout, main); // starts now, and the main thread is free to fire it
        background.execute(() -> {
            Availability response = null;
            try {
                response = api.checkUsername(name);
            } catch (IOException noAnswer) {
                // no answer: wait for the timer
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            while (!timer.hasFired()) {
                if (response != null) {
                    String text = StatusText.of(response);
                    main.execute(() -> status.show(text));
                    return;
                }
            }
            main.execute(() -> status.show(StatusText.TIMED_OUT));
        });
    }
}
