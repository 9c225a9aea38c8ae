package dev.asynckatas.kit.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asynckatas.kit.junit.SimulationTest;
import dev.asynckatas.kit.sim.Simulation;
import dev.asynckatas.kit.sim.Violation;
import dev.asynckatas.platform.Application;
import dev.asynckatas.platform.Application.State;
import dev.asynckatas.platform.BackgroundTaskId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@SimulationTest
@DisplayName("Simulated application: background tasks and the app's lifecycle, as UIKit does them")
class SimApplicationTest {

    private final List<String> seen = new ArrayList<>();
    private BackgroundTaskId upload = BackgroundTaskId.INVALID;

    /** Begins the "upload" background task with {@code handler} as its expiration handler. */
    private void beginUpload(SimApplication app, Runnable handler) {
        upload = app.beginBackgroundTask("upload", handler);
    }

    @Test
    @DisplayName("leaving the app with a task open runs its expiration handler on MAIN when the 30 s allowance runs out")
    void expirationHandlerRunsOnMainAt30Seconds(Simulation sim, SimApplication app) {
        beginUpload(app, () -> {
            seen.add("handler on " + sim.currentLane() + " at " + sim.now().toSeconds() + " s");
            app.endBackgroundTask(upload);
        });

        app.enterBackground();
        sim.advanceBy(Duration.ofMillis(29_999));
        assertThat(seen).isEmpty();
        assertThat(app.backgroundTimeRemaining()).isEqualTo(Duration.ofMillis(1));
        sim.advanceBy(Duration.ofMillis(1));

        assertThat(seen).containsExactly("handler on MAIN at 30 s");
    }

    @Test
    @DisplayName("a handler that ends its task synchronously saves the app: no kill, the app is SUSPENDED")
    void handlerThatEndsItsTaskSavesTheApp(Simulation sim, SimApplication app) {
        beginUpload(app, () -> app.endBackgroundTask(upload));

        app.enterBackground();
        sim.runUntilIdle();

        assertThat(app.currentState()).isEqualTo(State.SUSPENDED);
        assertThat(app.wasKilled()).isFalse();
        assertThat(app.kill()).isEmpty();
        assertThat(app.backgroundTasks()).singleElement().satisfies(task -> {
            assertThat(task.expirationHandlerCalled()).isTrue();
            assertThat(task.endedInsideExpirationHandler()).isTrue();
            assertThat(task.endedOn()).contains("MAIN");
        });
    }

    @Test
    @DisplayName("a handler that ends its task later (main.execute) is too late: APP_KILLED, and the app is TERMINATED")
    void handlerThatEndsItsTaskLaterGetsTheAppKilled(Simulation sim, SimApplication app, SimMainThread main) {
        beginUpload(app, () -> main.execute(() -> app.endBackgroundTask(upload)));

        app.enterBackground();
        sim.runUntilIdle();

        assertThat(app.currentState()).isEqualTo(State.TERMINATED);
        assertThat(app.kill()).get().satisfies(kill -> {
            assertThat(kill.at()).isEqualTo(Duration.ofSeconds(30));
            assertThat(kill.message()).contains("upload");
        });
        assertThat(app.openBackgroundTasks()).extracting(BackgroundTaskRecord::name).containsExactly("upload");
    }

    @Test
    @DisplayName("a handler that does nothing gets the app killed")
    void handlerThatDoesNothingGetsTheAppKilled(Simulation sim, SimApplication app) {
        beginUpload(app, () -> { });

        app.enterBackground();
        sim.runUntilIdle();

        assertThat(app.wasKilled()).isTrue();
        assertThat(sim.violations(Violation.Kind.APP_KILLED)).hasSize(1);
    }

    @Test
    @DisplayName("ending a task twice, or ending an id that was never begun, is recorded as BACKGROUND_TASK_MISUSE")
    void unbalancedEndsAreMisuse(Simulation sim, SimApplication app) {
        beginUpload(app, () -> { });
        app.endBackgroundTask(upload);

        app.endBackgroundTask(upload);
        app.endBackgroundTask(new BackgroundTaskId(99));

        assertThat(sim.violations(Violation.Kind.BACKGROUND_TASK_MISUSE)).extracting(Violation::message)
                .satisfiesExactly(
                        twice -> assertThat(twice).contains("#1").contains("already ended"),
                        unknown -> assertThat(unknown).contains("#99").contains("no such background task"));
    }

    @Test
    @DisplayName("ending the last task in the background suspends the app: its lanes freeze until the user returns,"
            + " while lanes outside the app keep running")
    void lastEndInTheBackgroundSuspendsTheApp(Simulation sim, SimApplication app) {
        beginUpload(app, () -> { });
        app.enterBackground();
        sim.lane("worker").schedule(Duration.ofSeconds(2), "ends the upload", () -> app.endBackgroundTask(upload));
        sim.lane("worker").schedule(Duration.ofSeconds(5), "app work", () -> seen.add("app work at " + sim.now().toSeconds() + " s"));
        sim.outsideLane("server").schedule(Duration.ofSeconds(5), "server work",
                () -> seen.add("server work at " + sim.now().toSeconds() + " s"));

        sim.advanceBy(Duration.ofSeconds(10));
        assertThat(app.currentState()).isEqualTo(State.SUSPENDED);
        assertThat(seen).containsExactly("server work at 5 s");

        app.enterForeground();

        assertThat(seen).containsExactly("server work at 5 s", "app work at 10 s");
        assertThat(app.currentState()).isEqualTo(State.ACTIVE);
    }

    @Test
    @DisplayName("coming back before the allowance runs out cancels the expiration: no handler, no kill")
    void returningBeforeExpiryCancelsTheExpiration(Simulation sim, SimApplication app) {
        beginUpload(app, () -> seen.add("expiration handler"));

        app.enterBackground();
        sim.advanceBy(Duration.ofSeconds(10));
        app.enterForeground();
        sim.advanceBy(Duration.ofSeconds(60));

        assertThat(seen).isEmpty();
        assertThat(app.wasKilled()).isFalse();
        assertThat(app.currentState()).isEqualTo(State.ACTIVE);
        assertThat(app.backgroundTimeRemaining()).isEqualTo(SimApplication.UNLIMITED);
    }

    @Test
    @DisplayName("beginBackgroundTask after the background time ran out returns INVALID")
    void beginAfterTheTimeRanOutIsInvalid(Simulation sim, SimApplication app) {
        beginUpload(app, () -> app.endBackgroundTask(upload));
        List<BackgroundTaskId> late = new ArrayList<>();
        sim.lane("worker").schedule(Duration.ofSeconds(30), "begins too late",
                () -> late.add(app.beginBackgroundTask("too late", () -> { })));

        app.enterBackground();
        sim.runUntilIdle();

        assertThat(late).containsExactly(BackgroundTaskId.INVALID);
        assertThat(app.backgroundTasks()).extracting(BackgroundTaskRecord::name).containsExactly("upload");
        assertThat(app.wasKilled()).isFalse();
    }

    @Test
    @DisplayName("reading state() off MAIN records a MAIN_THREAD_CHECKER violation; on MAIN it does not")
    void stateIsMainThreadOnly(Simulation sim, SimApplication app) {
        sim.main().execute("reads the state on MAIN", app::state);
        sim.lane("worker").execute("reads the state on a worker", app::state);

        sim.runCurrent();

        assertThat(sim.violations(Violation.Kind.MAIN_THREAD_CHECKER)).singleElement().satisfies(v -> {
            assertThat(v.lane()).isEqualTo("worker");
            assertThat(v.message()).contains("Application.state()").contains("reads the state on a worker");
        });
    }

    @Test
    @DisplayName("lifecycle observers are notified on MAIN, once per change")
    void observersAreNotifiedOnMain(Simulation sim, SimApplication app, SimMainThread main) {
        app.addObserver(new Application.LifecycleObserver() {
            @Override
            public void didEnterBackground() {
                seen.add("didEnterBackground on main: " + main.isCurrent());
            }

            @Override
            public void willEnterForeground() {
                seen.add("willEnterForeground on main: " + main.isCurrent());
            }
        });

        app.enterBackground();
        app.enterForeground();
        app.enterForeground();

        assertThat(seen).containsExactly("didEnterBackground on main: true", "willEnterForeground on main: true");
    }

    @Test
    @DisplayName("coming back in UIKit's order: willEnterForeground while state() still says BACKGROUND, then ACTIVE;"
            + " work queued on MAIN from the notification sees ACTIVE")
    void willEnterForegroundSeesTheBackgroundState(Simulation sim, SimApplication app, SimMainThread main) {
        app.addObserver(new Application.LifecycleObserver() {
            @Override
            public void willEnterForeground() {
                seen.add("in willEnterForeground: " + app.state() + ", entering foreground: " + app.isEnteringForeground());
                main.execute(() -> seen.add("queued from it: " + app.state() + ", entering foreground: " + app.isEnteringForeground()));
            }
        });
        beginUpload(app, () -> { });

        app.enterBackground();
        sim.advanceBy(Duration.ofSeconds(5));
        app.enterForeground();
        sim.runCurrent();

        assertThat(seen).containsExactly(
                "in willEnterForeground: BACKGROUND, entering foreground: true",
                "queued from it: ACTIVE, entering foreground: false");
        assertThat(app.currentState()).isEqualTo(State.ACTIVE);
        assertThat(sim.violations()).isEmpty();
    }

    @Test
    @DisplayName("a suspended app resumes in the background: willEnterForeground sees BACKGROUND, not SUSPENDED")
    void aSuspendedAppResumesInTheBackground(Simulation sim, SimApplication app) {
        app.addObserver(new Application.LifecycleObserver() {
            @Override
            public void willEnterForeground() {
                seen.add("in willEnterForeground: " + app.state());
            }
        });

        app.enterBackground();
        assertThat(app.currentState()).isEqualTo(State.SUSPENDED);
        sim.advanceBy(Duration.ofSeconds(90));
        app.enterForeground();

        assertThat(seen).containsExactly("in willEnterForeground: BACKGROUND");
        assertThat(app.currentState()).isEqualTo(State.ACTIVE);
    }

    @Test
    @DisplayName("inside willEnterForeground, long after the allowance ran out, a task can still be begun, and ending the"
            + " last one does not suspend the app that is coming back")
    void tasksBegunAndEndedInWillEnterForegroundDoNotSuspendTheApp(Simulation sim, SimApplication app) {
        app.addObserver(new Application.LifecycleObserver() {
            @Override
            public void willEnterForeground() {
                seen.add("time remaining is unlimited: " + app.backgroundTimeRemaining().equals(SimApplication.UNLIMITED));
                BackgroundTaskId refresh = app.beginBackgroundTask("refresh", () -> { });
                seen.add("begun: " + refresh.isValid());
                app.endBackgroundTask(refresh);
            }
        });
        beginUpload(app, () -> app.endBackgroundTask(upload));

        app.enterBackground();
        sim.advanceBy(Duration.ofSeconds(60));
        app.enterForeground();
        sim.runUntilIdle();

        assertThat(seen).containsExactly("time remaining is unlimited: true", "begun: true");
        assertThat(app.currentState()).isEqualTo(State.ACTIVE);
        assertThat(app.openBackgroundTasks()).isEmpty();
        assertThat(sim.violations()).isEmpty();
    }

    @Test
    @DisplayName("a killed app never runs anything again, even after the user opens it")
    void aKilledAppStaysDead(Simulation sim, SimApplication app) {
        app.addObserver(new Application.LifecycleObserver() {
            @Override
            public void willEnterForeground() {
                seen.add("willEnterForeground");
            }
        });
        beginUpload(app, () -> { });
        sim.main().schedule(Duration.ofSeconds(40), "main work after the kill", () -> seen.add("main work"));
        sim.lane("worker").schedule(Duration.ofSeconds(40), "worker work after the kill", () -> seen.add("worker work"));

        app.enterBackground();
        sim.advanceBy(Duration.ofSeconds(50));
        app.enterForeground();
        sim.runUntilIdle();

        assertThat(seen).isEmpty();
        assertThat(app.currentState()).isEqualTo(State.TERMINATED);
    }
}
