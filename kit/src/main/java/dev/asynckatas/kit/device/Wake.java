package dev.asynckatas.kit.device;

import dev.asynckatas.kit.timeline.SwimLanes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One time the system launched or resumed the app in the background because a background session's tasks were done
 * ({@code application(_:handleEventsForBackgroundURLSession:completionHandler:)}), and what became of it.
 */
public final class Wake {

    /** How the wake ended. */
    public enum End {
        /** The app called the completion handler: the system may suspend it. */
        HANDLER_CALLED,
        /** The background time ran out before the app called the handler: the system suspended it anyway. */
        BACKGROUND_TIME_RAN_OUT,
        /** The process was terminated during the wake. */
        PROCESS_TERMINATED
    }

    /**
     * One call of the completion handler.
     *
     * @param at                     virtual time
     * @param lane                   where it was called
     * @param onMain                 whether on the main thread, as UIKit requires
     * @param eventsStillUndelivered how many of the session's events the delegate had not been given yet
     * @param afterFinishEvents      whether the delegate had been called with {@code didFinishEvents} (inside that call counts)
     */
    public record HandlerCall(Duration at, String lane, boolean onMain, int eventsStillUndelivered, boolean afterFinishEvents) {
        @Override
        public String toString() {
            return "at " + SwimLanes.format(at) + " on " + lane + (eventsStillUndelivered == 0 ? "" : ", " + eventsStillUndelivered
                    + " event(s) still undelivered") + (afterFinishEvents ? "" : ", before didFinishEvents");
        }
    }

    private final int number;
    private final String session;
    private final SimAppProcess process;
    private final boolean launched;
    private final Duration startedAt;
    final Runnable completionHandler;
    private Duration handleEventsReturnedAt;
    private Duration finishEventsDeliveredAt;
    boolean finishEventsQueued;
    private final List<HandlerCall> handlerCalls = new ArrayList<>();
    private End end;
    private Duration endedAt;

    Wake(int number, String session, SimAppProcess process, boolean launched, Duration startedAt, SimDevice device) {
        this.number = number;
        this.session = session;
        this.process = process;
        this.launched = launched;
        this.startedAt = startedAt;
        this.completionHandler = new Runnable() {
            @Override
            public void run() {
                device.completionHandlerCalled(Wake.this);
            }

            @Override
            public String toString() {
                return "the completion handler of wake #" + number + " (session '" + session + "')";
            }
        };
    }

    /** 1 for the first wake of the device, 2 for the next... */
    public int number() {
        return number;
    }

    /** The identifier of the session whose events woke the app. */
    public String session() {
        return session;
    }

    /** The process that was woken. */
    public SimAppProcess process() {
        return process;
    }

    /** Whether the system launched a new process (true) or resumed a suspended one (false). */
    public boolean launchedTheApp() {
        return launched;
    }

    public Duration startedAt() {
        return startedAt;
    }

    /** When {@code handleEventsForBackgroundSession} returned, if it was called. */
    public Optional<Duration> handleEventsReturnedAt() {
        return Optional.ofNullable(handleEventsReturnedAt);
    }

    /** When the session's delegate was called with {@code didFinishEvents} (a handler called inside that call comes after it). */
    public Optional<Duration> finishEventsDeliveredAt() {
        return Optional.ofNullable(finishEventsDeliveredAt);
    }

    /** Every call of the completion handler, in order. */
    public List<HandlerCall> handlerCalls() {
        return List.copyOf(handlerCalls);
    }

    public boolean isOpen() {
        return end == null;
    }

    public Optional<End> end() {
        return Optional.ofNullable(end);
    }

    public Optional<Duration> endedAt() {
        return Optional.ofNullable(endedAt);
    }

    boolean handleEventsReturned() {
        return handleEventsReturnedAt != null;
    }

    void handleEventsReturned(Duration at) {
        handleEventsReturnedAt = at;
    }

    void finishEventsDelivered(Duration at) {
        finishEventsDeliveredAt = at;
    }

    void handlerCalled(HandlerCall call) {
        handlerCalls.add(call);
    }

    void end(End how, Duration at) {
        if (end == null) {
            end = how;
            endedAt = at;
        }
    }

    @Override
    public String toString() {
        return "wake #" + number + " for session '" + session + "' at " + SwimLanes.format(startedAt) + " ("
                + (launched ? "launched" : "resumed") + " process #" + process.number() + "), completion handler "
                + (handlerCalls.isEmpty() ? "never called" : "called " + handlerCalls) + (end == null ? ", still open" : ", ended: " + end);
    }
}
