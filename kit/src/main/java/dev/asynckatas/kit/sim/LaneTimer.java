package dev.asynckatas.kit.sim;

import dev.asynckatas.kit.timeline.SwimLanes;
import dev.asynckatas.kit.timeline.TimelineEvent;
import java.time.Duration;
import java.util.Objects;

/**
 * A timer on a lane ({@link Lane#timer}): a task due {@code delay} from now in virtual time, as a timer on a run loop
 * or {@code DispatchQueue.asyncAfter} is; the timeline notes where it was set and when it is due. Its future is done
 * once the task has run (or was cancelled); a task that asks it {@code isDone()} over and over while time stands still
 * is busy-waiting, and the simulation says so instead of hanging.
 */
final class LaneTimer extends SimFuture<Void> {
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final java.security.CodeSource KIT = LaneTimer.class.getProtectionDomain().getCodeSource();

    private final Simulation sim;
    private final Lane lane;
    private final Task scheduled;

    LaneTimer(Simulation sim, Lane lane, Duration delay, Runnable task) {
        super(sim, null, "the timer for " + SwimLanes.format(delay));
        this.sim = sim;
        this.lane = lane;
        this.scheduled = lane.schedule(delay, "timer (" + SwimLanes.format(delay) + ")", () -> fire(task));
        note("sets a timer: it runs on " + lane.name() + " at " + SwimLanes.format(scheduled.due()) + " (set at " + whereSet() + ")");
    }

    private void fire(Runnable task) {
        if (super.isDone()) {
            return;
        }
        try {
            task.run();
            complete(null);
        } catch (RuntimeException | Error thrown) {
            completeExceptionally(thrown);
            throw thrown;
        }
    }

    /** Stops the timer if it has not run yet; {@code mayInterruptIfRunning} makes no difference, as for any timer. */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        if (super.isDone()) {
            return false;
        }
        lane.cancel(scheduled);
        note("cancels the timer due at " + SwimLanes.format(scheduled.due()));
        return super.cancel(mayInterruptIfRunning);
    }

    /**
     * Where the timer was set: the first frame of kata code and, when that is a helper, the first frame of another
     * class that called it ({@code Timeout.<init>(Timeout.java:26) <- SignUpScreen.check(SignUpScreen.java:40)}).
     */
    private static String whereSet() {
        java.util.List<StackWalker.StackFrame> frames = WALKER.walk(stack -> stack
                .takeWhile(frame -> !(frame.getDeclaringClass() == Simulation.class && frame.getMethodName().equals("runTask")))
                .filter(frame -> !isPlatform(frame.getDeclaringClass()))
                .toList());
        if (frames.isEmpty()) {
            return "the test";
        }
        StackWalker.StackFrame first = frames.get(0);
        return frames.stream().filter(frame -> frame.getDeclaringClass() != first.getDeclaringClass()).findFirst()
                .map(caller -> describe(first) + " <- " + describe(caller)).orElse(describe(first));
    }

    private static String describe(StackWalker.StackFrame frame) {
        return frame.getDeclaringClass().getSimpleName() + "." + frame.getMethodName().replaceAll("^lambda\\$(\\w+)\\$.*$", "$1")
                + "(" + frame.getFileName() + ":" + frame.getLineNumber() + ")";
    }

    private static boolean isPlatform(Class<?> type) {
        String name = type.getName();
        if (name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("sun.")) {
            return true;
        }
        java.security.CodeSource source = type.getProtectionDomain().getCodeSource();
        return source != null && KIT != null && Objects.equals(source.getLocation(), KIT.getLocation());
    }

    private void note(String text) {
        sim.timeline().note(sim.currentLane() == null ? TimelineEvent.SYSTEM : sim.currentLane().name(), text);
    }
}
