package dev.asynckatas.platform;

import java.util.concurrent.Executor;

/**
 * The app's main thread, like {@code DispatchQueue.main}: a serial executor that runs tasks one at a
 * time, in the order they were submitted, and where all UI work happens.
 */
public interface MainThread extends Executor {

    /** {@code Thread.isMainThread} in Swift: whether the calling code runs on the main thread. */
    boolean isCurrent();
}
