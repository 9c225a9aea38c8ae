package dev.asynckatas.kit.device;

import dev.asynckatas.kit.timeline.SwimLanes;
import java.time.Duration;

/**
 * Something of a process that no longer exists was used: its main thread asked to run a task, its session asked to
 * download, its completion handler called. On iOS nothing of a terminated process survives (no object, no closure, no
 * static field): the call would never happen. Here it did, because the JVM outlives the simulated process, typically
 * through a static field.
 *
 * @param at      virtual time
 * @param process the number of the dead process
 * @param what    what was used, in words
 */
public record DeadProcessCall(Duration at, int process, String what) {

    @Override
    public String toString() {
        return what + " of process #" + process + ", which was terminated, at " + SwimLanes.format(at);
    }
}
