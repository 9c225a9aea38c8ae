package dev.asynckatas.kit.app;

import dev.asynckatas.kit.timeline.SwimLanes;
import dev.asynckatas.platform.Application;
import dev.asynckatas.platform.BackgroundTaskId;
import java.time.Duration;
import java.util.Optional;

/** The life of one background task, as the simulated system saw it. */
public final class BackgroundTaskRecord {

    private final BackgroundTaskId id;
    private final String name;
    private final Duration begunAt;
    private final String begunOn;
    private final Application.State stateAtBegin;
    final Runnable expirationHandler;
    private Duration endedAt;
    private String endedOn;
    private boolean expirationHandlerCalled;
    private boolean endedInsideExpirationHandler;

    BackgroundTaskRecord(BackgroundTaskId id, String name, Duration begunAt, String begunOn, Application.State stateAtBegin,
                         Runnable expirationHandler) {
        this.id = id;
        this.name = name;
        this.begunAt = begunAt;
        this.begunOn = begunOn;
        this.stateAtBegin = stateAtBegin;
        this.expirationHandler = expirationHandler;
    }

    public BackgroundTaskId id() {
        return id;
    }

    public String name() {
        return name;
    }

    public Duration begunAt() {
        return begunAt;
    }

    /** The lane that began it. */
    public String begunOn() {
        return begunOn;
    }

    /** The app's state when it was begun (beginning in the background is too late for work started earlier). */
    public Application.State stateAtBegin() {
        return stateAtBegin;
    }

    public boolean isEnded() {
        return endedAt != null;
    }

    public Optional<Duration> endedAt() {
        return Optional.ofNullable(endedAt);
    }

    /** The lane that ended it, if it was ended. */
    public Optional<String> endedOn() {
        return Optional.ofNullable(endedOn);
    }

    /** Whether the background time ran out while it was open. */
    public boolean expirationHandlerCalled() {
        return expirationHandlerCalled;
    }

    /** Whether it was ended synchronously inside its expiration handler, as UIKit requires. */
    public boolean endedInsideExpirationHandler() {
        return endedInsideExpirationHandler;
    }

    void expiring() {
        expirationHandlerCalled = true;
    }

    void ended(Duration at, String lane, boolean insideExpirationHandler) {
        endedAt = at;
        endedOn = lane;
        endedInsideExpirationHandler = insideExpirationHandler;
    }

    @Override
    public String toString() {
        return "background task '" + name + "' (" + id + ") begun at " + SwimLanes.format(begunAt) + " on " + begunOn
                + (isEnded() ? ", ended at " + SwimLanes.format(endedAt) + " on " + endedOn : ", never ended");
    }
}
