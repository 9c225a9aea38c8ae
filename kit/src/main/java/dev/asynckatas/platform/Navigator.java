package dev.asynckatas.platform;

/**
 * What a screen can show, like a {@code UINavigationController} and an alert: UI, so main thread only.
 */
public interface Navigator {

    /** Pushes the screen called {@code screen}, like {@code pushViewController}. */
    void show(String screen);

    /** Presents an error with a "Try again" button that runs {@code retry} (on the main thread). */
    void showError(String message, Runnable retry);
}
