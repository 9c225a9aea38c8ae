package dev.asynckatas.platform;

/**
 * What the system calls in the app's process, like {@code UIApplicationDelegate}: always on the main thread.
 *
 * <p>A process of the app begins when the user opens the app, or when the system launches it in the background
 * (for a background session's events, say); it ends when the system terminates it. The objects of a process die
 * with it: a new process builds its own, and nothing of the old one is called again.
 */
public interface AppDelegate {

    /**
     * {@code application(_:didFinishLaunchingWithOptions:)}: the process has started, in front (the user opened the
     * app) or in the background (the system launched it). Here the app opens its background sessions again.
     */
    default void didFinishLaunching() {
    }

    /**
     * {@code application(_:handleEventsForBackgroundURLSession:completionHandler:)}: the background session
     * {@code identifier} has events waiting, and the system launched or resumed the app in the background to deliver
     * them.
     *
     * <p>Keep {@code completionHandler}, make sure the session {@code identifier} is open in this process (its
     * events are delivered to it), and call the handler <em>once, on the main thread</em>, after the session's
     * delegate got {@link TransferSession.Delegate#didFinishEvents}: that tells the system the app has handled
     * everything and may be suspended again.
     */
    default void handleEventsForBackgroundSession(String identifier, Runnable completionHandler) {
    }
}
