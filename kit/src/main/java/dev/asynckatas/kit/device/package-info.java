/**
 * The simulated device: the app's processes, and the system services that outlive them.
 *
 * <ul>
 *   <li>{@link dev.asynckatas.kit.device.SimDevice}: the phone. A factory builds the app's objects at every launch
 *       (by the user, or by the system in the background); a termination drops the process: its queued tasks never
 *       run, its objects are never called again, and a call into them from a later process is recorded.
 *   <li>{@link dev.asynckatas.kit.device.SimAppProcess}: one process of the app, with its main thread, its
 *       {@code Application} (states, background time, background tasks) and its view of the transfer service.
 *   <li>{@link dev.asynckatas.kit.device.SimTransferService}: the system's transfer service ({@code nsurlsessiond}):
 *       background sessions identified by a string, whose downloads go on outside the app, whose events wait for
 *       the process that opens the session, and which launch or resume the app in the background when their tasks
 *       are done.
 *   <li>{@link dev.asynckatas.kit.device.Wake}: one time the system woke the app for a session's events, and what the
 *       app did with the completion handler.
 * </ul>
 *
 * <p>Everything runs on the {@link dev.asynckatas.kit.sim.Simulation}: the app's lanes stop while it is suspended, the
 * service's lanes ({@code nsurlsessiond#n}) and the server's never do. See {@code SimTransferService} for what is
 * simplified.
 */
package dev.asynckatas.kit.device;
