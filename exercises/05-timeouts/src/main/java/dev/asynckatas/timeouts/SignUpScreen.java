package dev.asynckatas.timeouts;

import dev.asynckatas.platform.MainThread;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;

/**
 * The sign-up screen's user-name check. The user types a name and taps "Check"; the label under the field says
 * {@link StatusText#CHECKING}, then whether the name is free, or why the app cannot tell: the server did not answer in
 * time, there is no connection, or its answer could not be read. The user may tap again, with another name, at any
 * moment.
 *
 * <p>KATA 05: this is the asker's design, in Java: a blocking call on the main thread, then a timer that sets a flag
 * on the main thread, then a loop on the main thread that waits for the answer or the flag. The app freezes, and the
 * timeout never comes. Make the check give up in time without ever waiting on the main thread, and tell a timeout
 * from a cancelled check. The lesson: docs/05-timeouts.md
 */
public final class SignUpScreen {

    private final UsernameApi api;
    private final MainThread main;
    private final ExecutorService background;
    private final UsernameStatus status;
    private final Duration timeout;

    /**
     * @param api        the accounts server's user-name check
     * @param main       the main thread, where the screen lives and where the {@link Timeout} helper fires
     * @param background a pool for work that must not run on the main thread, {@code DispatchQueue.global()}: use it
     *                   or not, as your design needs
     * @param status     the label under the name field: main thread only
     * @param timeout    how long one check may take in all before the label says the server did not answer (5 s in
     *                   the question)
     */
    public SignUpScreen(UsernameApi api, MainThread main, ExecutorService background, UsernameStatus status, Duration timeout) {
        this.api = api;
        this.main = main;
        this.background = background;
        this.status = status;
        this.timeout = timeout;
    }

    /** The user tapped "Check" for {@code name}. Called on the main thread. */
    public void checkUsername(String name) {
        status.show(StatusText.CHECKING);
        status.show(usernameAvailable(name));
    }

    /** The question's {@code usernameAvailable}: the text for the label, the answer or the timeout. */
    private String usernameAvailable(String name) {
        Availability response = null;
        try {
            response = api.checkUsername(name); // response = Server.checkUsername(username!)
        } catch (IOException noAnswer) {
            // No answer: response stays null, as the Swift code's did.
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        Timeout timer = new Timeout(timeout, main); // Timeout(5.0) { self.timeout = true }
        while (!timer.hasFired()) { // while (!timeout)
            if (response != null) {
                return StatusText.of(response);
            }
        }
        return StatusText.TIMED_OUT;
    }
}
