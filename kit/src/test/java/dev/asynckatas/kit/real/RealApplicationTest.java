package dev.asynckatas.kit.real;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.asynckatas.platform.Application;
import dev.asynckatas.platform.Application.State;
import dev.asynckatas.platform.BackgroundTaskId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RealApplication: the simulated rules on real threads and the real clock")
class RealApplicationTest {

    private static final Duration ALLOWANCE = Duration.ofMillis(200);

    private final RealMainThread main = new RealMainThread();
    private final RealApplication app = new RealApplication(main, ALLOWANCE);
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        app.close();
        main.close();
    }

    private static org.awaitility.core.ConditionFactory eventually() {
        return await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10)).atMost(Duration.ofSeconds(5));
    }

    @Test
    @DisplayName("a handler that ends its task synchronously runs on the main thread, and the app is suspended, not killed")
    void handlerThatEndsItsTaskSavesTheApp() {
        AtomicReference<BackgroundTaskId> task = new AtomicReference<>();
        task.set(app.beginBackgroundTask("upload", () -> {
            seen.add("handler on the main thread: " + main.isCurrent());
            app.endBackgroundTask(task.get());
        }));

        app.enterBackground();

        eventually().until(app::state, State.SUSPENDED::equals);
        assertThat(seen).containsExactly("handler on the main thread: true");
        assertThat(app.kills()).isEmpty();
        assertThat(app.openBackgroundTasks()).isZero();
        assertThat(app.misuses()).isEmpty();
    }

    @Test
    @DisplayName("a handler that leaves its task open gets the app killed")
    void handlerThatDoesNothingGetsTheAppKilled() {
        app.beginBackgroundTask("upload", () -> seen.add("handler ran"));

        app.enterBackground();

        eventually().until(app::state, State.TERMINATED::equals);
        assertThat(seen).containsExactly("handler ran");
        assertThat(app.kills()).singleElement().asString().contains("1 background task(s) still open");
    }

    @Test
    @DisplayName("lifecycle observers are notified on the main thread")
    void observersAreNotifiedOnTheMainThread() {
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

        eventually().until(app::state, State.ACTIVE::equals);
        assertThat(seen).containsExactly("didEnterBackground on main: true", "willEnterForeground on main: true");
    }

    @Test
    @DisplayName("coming back in UIKit's order: willEnterForeground while the state still says BACKGROUND, then ACTIVE;"
            + " work queued on main from the notification sees ACTIVE")
    void willEnterForegroundSeesTheBackgroundState() {
        app.addObserver(new Application.LifecycleObserver() {
            @Override
            public void willEnterForeground() {
                seen.add("in willEnterForeground: " + app.state());
                main.execute(() -> seen.add("queued from it: " + app.state()));
            }
        });
        app.beginBackgroundTask("keeps the app alive", () -> { });

        app.enterBackground();
        app.enterForeground();

        eventually().until(() -> seen.size() == 2);
        assertThat(seen).containsExactly("in willEnterForeground: BACKGROUND", "queued from it: ACTIVE");
        assertThat(app.state()).isEqualTo(State.ACTIVE);
    }

    @Test
    @DisplayName("ending a task twice is recorded as misuse")
    void endingTwiceIsMisuse() {
        BackgroundTaskId task = app.beginBackgroundTask("upload", () -> { });

        app.endBackgroundTask(task);
        app.endBackgroundTask(task);

        assertThat(app.misuses()).singleElement().asString().contains(task.toString());
    }
}
