package dev.asynckatas.asynccancellation;

/** The broken bridge's bugs, in one sentence each: what {@code @CatchesBug} tests name. */
final class Bugs {

    static final String CANCEL_IN_FLIGHT_IGNORED = "cancelling the future does not stop the request: it runs to the end and its"
            + " image still lands in the cache";
    static final String CANCEL_BEFORE_DISPATCH_LOST = "a cancel that comes before the request was dispatched is lost: the"
            + " request is sent anyway";
    static final String BATCH_CANCEL_IGNORED = "cancelling the batch cancels none of its requests: allOf(...) does not pass"
            + " the cancel on";
    static final String BATCH_FAILURE_IGNORED = "when one request of a batch fails, the others run on to the end instead of"
            + " being stopped";
    static final String INTERRUPT_SWALLOWED = "the blocking call swallows the interrupt: the request runs on, the caller gets"
            + " an error instead of a cancel, and the interrupt status is lost";

    private Bugs() {
    }
}
