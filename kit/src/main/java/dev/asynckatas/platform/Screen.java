package dev.asynckatas.platform;

/**
 * A screen the user opens and closes, like a view controller pushed onto and popped off a navigation stack.
 * The platform calls both methods on the main thread, each at most once, {@link #open()} first.
 *
 * <p>Like UIKit's navigation controller, the platform holds the screen only while it is open: once it is
 * closed, a screen that nothing else holds can be freed (in Swift, {@code deinit} runs). Whatever still holds
 * a closed screen (a listener left registered with an app-wide service, a request's callback that has not
 * run yet) keeps it, and all it refers to, in memory.
 */
public interface Screen {

    /** The user opened the screen: {@code viewDidLoad} and {@code viewWillAppear} after a push. On the main thread. */
    void open();

    /** The user closed the screen (the back button): {@code viewDidDisappear} after a pop. On the main thread. */
    void close();
}
