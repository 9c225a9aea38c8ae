package dev.asynckatas.platform;

/**
 * The system's transfer service ({@code nsurlsessiond}), as one process of the app sees it: the way to a
 * background session, which downloads on the app's behalf outside the app.
 *
 * <p>Semantics, as Apple documents them for {@code URLSessionConfiguration.background(withIdentifier:)}:
 * <ul>
 *   <li>A background session is identified by a string. Its tasks belong to the system, not to the app's process:
 *       they go on while the app is suspended, and after it has been terminated.
 *   <li>The session's events go to the delegate the app registers for that identifier <em>in its current
 *       process</em>. A process that has not (yet) opened the session gets nothing; events wait in the service.
 *   <li>When the app is not running and the session's tasks are done, the system launches the app in the background
 *       (or resumes it) and calls {@link AppDelegate#handleEventsForBackgroundSession}; the app opens the session
 *       again with the same identifier to receive the events.
 *   <li>Open exactly one session per identifier in a process. (Apple calls several "undefined"; here the second
 *       {@link #backgroundSession} call is refused with an {@link IllegalStateException}.)
 * </ul>
 */
public interface TransferService {

    /**
     * {@code URLSession(configuration: .background(withIdentifier: identifier), delegate: delegate, delegateQueue: nil)}:
     * opens the background session {@code identifier} in this process, or reconnects to it after a launch. The
     * delegate's methods run one at a time, in order, on a serial queue the session creates for itself.
     *
     * @throws IllegalStateException when this process has already opened a session with this identifier, or when
     *                               the process no longer exists
     */
    TransferSession backgroundSession(String identifier, TransferSession.Delegate delegate);

    /**
     * As {@link #backgroundSession(String, TransferSession.Delegate)}, with the delegate's methods run on
     * {@code delegateQueue} ({@code delegateQueue: OperationQueue.main}, say): it must be serial. The session still
     * calls the delegate one event at a time: the next event is handed to the queue when the previous call returned.
     */
    TransferSession backgroundSession(String identifier, TransferSession.Delegate delegate, java.util.concurrent.Executor delegateQueue);
}
