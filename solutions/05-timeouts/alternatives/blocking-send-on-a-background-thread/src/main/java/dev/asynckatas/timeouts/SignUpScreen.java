package dev.asynckatas.timeouts;

import dev.asynckatas.platform.MainThread;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** CORRECT ALTERNATIVE: blocking send on the background pool, interrupted by the Timeout helper or the next tap. */
public final class SignUpScreen {

    private final UsernameApi api;
    private final MainThread main;
    private final ExecutorService background;
    private final UsernameStatus status;
    private final Duration timeout;

    /** The latest check; main thread only. */
    private Check current;

    public SignUpScreen(UsernameApi api, MainThread main, ExecutorService background, UsernameStatus status, Duration timeout) {
        this.api = api;
        this.main = main;
        this.background = background;
        this.status = status;
        this.timeout = timeout;
    }

    public void checkUsername(String name) {
        if (current != null) {
            current.stop();
        }
        Check check = new Check();
        current = check;
        status.show(StatusText.CHECKING);
        check.task = background.submit(() -> {
            String text;
            try {
                text = StatusText.of(api.checkUsername(name));
            } catch (HttpTimeoutException late) {
                text = StatusText.TIMED_OUT;
            } catch (IOException noConnection) {
                text = StatusText.NO_CONNECTION;
            } catch (UnreadableAnswerException unreadable) {
                text = StatusText.UNREADABLE;
            } catch (InterruptedException stopped) {
                return; // the deadline or the next tap stopped this check: nothing to say
            }
            String outcome = text;
            main.execute(() -> check.finish(outcome));
        });
        check.deadline = new Timeout(timeout, main, () -> check.finish(StatusText.TIMED_OUT));
    }

    /** One check: its task on the background pool and its deadline. Main thread only. */
    private final class Check {
        Future<?> task;
        Timeout deadline;

        void stop() {
            deadline.cancel();
            task.cancel(true); // interrupts the blocking send: the JDK aborts the exchange
        }

        void finish(String text) {
            if (current != this) {
                return;
            }
            current = null;
            stop();
            status.show(text);
        }
    }
}
