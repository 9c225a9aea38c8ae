package dev.asynckatas.backgroundtask;

/** The shop's answer once the order workflow has finished. */
public record OrderConfirmation(String orderId) {

    /** The screen to show once the order is placed. */
    public static final String SCREEN = "order-confirmed";
}
