package dev.asynckatas.platform;

/**
 * Identifies a background task, like UIKit's {@code UIBackgroundTaskIdentifier}.
 * {@link #INVALID} is what {@code beginBackgroundTask} returns when the app gets no background time,
 * and what code stores when it holds no task.
 */
public record BackgroundTaskId(int value) {

    /** {@code UIBackgroundTaskIdentifier.invalid}. */
    public static final BackgroundTaskId INVALID = new BackgroundTaskId(0);

    public boolean isValid() {
        return value != INVALID.value;
    }

    @Override
    public String toString() {
        return isValid() ? "#" + value : "INVALID";
    }
}
