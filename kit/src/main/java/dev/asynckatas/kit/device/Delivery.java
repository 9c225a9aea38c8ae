package dev.asynckatas.kit.device;

import dev.asynckatas.kit.timeline.SwimLanes;
import java.net.URI;
import java.time.Duration;

/**
 * One event the transfer service delivered to a session's delegate: the call returned at {@code at}.
 *
 * @param at      when the delegate's method returned
 * @param process the number of the process whose delegate got it
 * @param session the session's identifier
 * @param event   {@code didWriteData}, {@code didFinishDownloading}, {@code didComplete} or {@code didFinishEvents}
 * @param task    the task's identifier ({@code 0} for {@code didFinishEvents})
 * @param url     the task's URL ({@code null} for {@code didFinishEvents})
 */
public record Delivery(Duration at, int process, String session, String event, long task, URI url) {

    @Override
    public String toString() {
        return event + (url == null ? "" : "(task " + task + ", " + url + ")") + " to process #" + process + " at " + SwimLanes.format(at);
    }
}
