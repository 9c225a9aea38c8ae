package dev.asynckatas.timeouts;

/** The bugs of kata 05's broken exercise, in the learner's terms: one sentence each, shared by the tests that catch them. */
final class Bugs {

    static final String BLOCKS_MAIN = "checks the name with a blocking call on the main thread: the app freezes until the server"
            + " answers, and \"Checking…\" is never even drawn";

    static final String SPINS_ON_MAIN = "when the server gives no answer, waits for the timer in a loop on the main thread: the"
            + " timer can only fire on the main thread, which the loop keeps busy, so it never fires and the app hangs";

    static final String NO_DEADLINE = "starts the 5 s timer only after the blocking call has returned: a slow server, a body that"
            + " stalls or an unreachable server is waited for as long as it takes, and nothing is ever aborted";

    static final String CHECKS_QUEUE_UP = "a new check waits behind the previous one instead of replacing it: the old request runs"
            + " to the end at the server, and its answer is shown after the user asked about another name";

    static final String UNREADABLE_ANSWER_CRASHES = "an answer it cannot read (an HTTP error, a page that is not JSON) escapes"
            + " as an exception on the main thread: the label stays on \"Checking…\"";

    private Bugs() {
    }
}
