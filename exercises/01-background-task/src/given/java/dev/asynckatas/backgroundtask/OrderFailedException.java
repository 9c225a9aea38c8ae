package dev.asynckatas.backgroundtask;

/** The shop answered, but not with a confirmation. Its message is fit to show the customer. */
public final class OrderFailedException extends Exception {

    public OrderFailedException(String message) {
        super(message);
    }
}
