package dev.asynckatas.timeouts;

/**
 * What the label says, in every case the sign-up screen knows. The tests compare the label with these texts, so use
 * them as they are.
 *
 * <p>Given by the kata: you do not need to change it.
 */
public final class StatusText {

    /** Shown at once when the user taps "Check", while the server is asked. */
    public static final String CHECKING = "Checking…";

    /** The check took longer than the screen's timeout: no answer came in time (whatever part was late). */
    public static final String TIMED_OUT = "The server did not answer in time";

    /** The check failed for want of a connection: refused, reset, or cut off in the middle of the answer. */
    public static final String NO_CONNECTION = "No connection";

    /** The server answered, but not with an answer about the name (an HTTP error, a page that is not JSON...). */
    public static final String UNREADABLE = "The server's answer could not be read";

    private StatusText() {
    }

    /** The answer about a name: {@code "ada is available"}, {@code "ada is taken"}. */
    public static String of(Availability availability) {
        return availability.name() + (availability.available() ? " is available" : " is taken");
    }
}
