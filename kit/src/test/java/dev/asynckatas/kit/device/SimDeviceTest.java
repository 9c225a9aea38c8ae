package dev.asynckatas.kit.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asynckatas.kit.SimPlatform;
import dev.asynckatas.kit.junit.SimulationTest;
import dev.asynckatas.kit.sim.Violation;
import dev.asynckatas.platform.AppDelegate;
import dev.asynckatas.platform.Application;
import dev.asynckatas.platform.BackgroundTaskId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SimulationTest
@DisplayName("Simulated device: the app's processes, launched by the user or the system, suspended, terminated")
class SimDeviceTest {

    private final List<String> log = new ArrayList<>();
    private final List<RecordingApp> apps = new ArrayList<>();

    private SimDevice device(SimPlatform platform, Path disk) {
        return SimDevice.builder(platform, disk).app(process -> {
            RecordingApp app = new RecordingApp(process, apps.size() + 1, log, true);
            apps.add(app);
            return app;
        }).build();
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis(Math.round(s * 1000));
    }

    @Test
    @DisplayName("the user opens the app: the factory builds it on MAIN, didFinishLaunching runs, the process is ACTIVE")
    void userLaunchBuildsTheAppOnMain(SimPlatform platform, @TempDir Path disk) {
        SimDevice device = device(platform, disk);

        SimAppProcess process = device.userOpensApp();

        assertThat(log).containsExactly("#1 main: didFinishLaunching");
        assertThat(process.number()).isEqualTo(1);
        assertThat(process.launchedBy()).isEqualTo(SimAppProcess.LaunchedBy.USER);
        assertThat(process.state()).isEqualTo(Application.State.ACTIVE);
        assertThat(process.delegate()).containsSame(apps.get(0));
        assertThat(Files.isDirectory(process.cachesDirectory())).isTrue();
        assertThat(Files.isDirectory(process.documentsDirectory())).isTrue();
    }

    @Test
    @DisplayName("leaving with nothing to finish suspends the app at once: its queued tasks wait, and run when the user is back")
    void leavingSuspendsAndTheQueueWaits(SimPlatform platform, @TempDir Path disk) {
        SimDevice device = device(platform, disk);
        SimAppProcess process = device.userOpensApp();

        device.userLeavesApp();
        assertThat(process.state()).isEqualTo(Application.State.SUSPENDED);
        process.main().execute(() -> log.add("ran"));
        platform.sim().advanceBy(seconds(60));
        assertThat(log).doesNotContain("ran");

        device.userOpensApp();
        assertThat(process.state()).isEqualTo(Application.State.ACTIVE);
        assertThat(log).contains("ran");
        assertThat(device.processes()).hasSize(1);
    }

    @Test
    @DisplayName("willEnterForeground comes while the state is still BACKGROUND, as in UIKit; ACTIVE afterwards")
    void willEnterForegroundSeesTheBackgroundState(SimPlatform platform, @TempDir Path disk) {
        SimDevice device = device(platform, disk);
        SimAppProcess process = device.userOpensApp();
        List<Application.State> seen = new ArrayList<>();
        process.application().addObserver(new Application.LifecycleObserver() {
            @Override
            public void willEnterForeground() {
                seen.add(process.application().state());
            }
        });

        device.userLeavesApp();
        device.userOpensApp();

        assertThat(seen).containsExactly(Application.State.BACKGROUND);
        assertThat(process.state()).isEqualTo(Application.State.ACTIVE);
    }

    @Test
    @DisplayName("a termination drops the process: its queued tasks never run, even in the next process")
    void terminationDropsQueuedWork(SimPlatform platform, @TempDir Path disk) {
        SimDevice device = device(platform, disk);
        SimAppProcess first = device.userOpensApp();
        device.userLeavesApp();
        first.main().execute(() -> log.add("queued in #1"));

        device.systemTerminatesApp();
        SimAppProcess second = device.userOpensApp();
        platform.sim().runUntilIdle();

        assertThat(first.isAlive()).isFalse();
        assertThat(first.state()).isEqualTo(Application.State.TERMINATED);
        assertThat(second.number()).isEqualTo(2);
        assertThat(apps).hasSize(2);
        assertThat(log).doesNotContain("queued in #1").contains("#2 main: didFinishLaunching");
    }

    @Test
    @DisplayName("a dead process's main thread, used from a later one (a static field would do that), is recorded and runs nothing")
    void deadProcessCallsAreRecorded(SimPlatform platform, @TempDir Path disk) {
        SimDevice device = device(platform, disk);
        SimAppProcess first = device.userOpensApp();
        device.systemTerminatesApp();
        device.userOpensApp();

        device.onMain("a closure kept from process #1 runs", app -> first.main().execute(() -> log.add("ran in #1")));
        platform.sim().runUntilIdle();

        assertThat(log).doesNotContain("ran in #1");
        assertThat(device.deadProcessCalls()).singleElement().satisfies(call -> {
            assertThat(call.process()).isEqualTo(1);
            assertThat(call.what()).contains("main thread");
        });
        assertThatThrownBy(() -> first.transfers().backgroundSession("x", apps.get(0)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("terminated");
    }

    @Test
    @DisplayName("a background task keeps the app running after the user leaves; ending it suspends the app")
    void backgroundTaskKeepsTheAppRunning(SimPlatform platform, @TempDir Path disk) {
        SimDevice device = device(platform, disk);
        SimAppProcess process = device.userOpensApp();
        AtomicReference<BackgroundTaskId> id = new AtomicReference<>();
        device.onMain("begin", app -> id.set(process.application().beginBackgroundTask("save", () -> { })));

        device.userLeavesApp();
        assertThat(process.state()).isEqualTo(Application.State.BACKGROUND);
        platform.sim().advanceBy(seconds(10));
        assertThat(process.application().backgroundTimeRemaining()).isEqualTo(seconds(20));
        process.main().execute(() -> process.application().endBackgroundTask(id.get()));
        platform.sim().runCurrent();

        assertThat(process.state()).isEqualTo(Application.State.SUSPENDED);
    }

    @Test
    @DisplayName("a background task still open when the background time runs out gets the app killed")
    void openTaskAtTheEndOfTheBackgroundTimeKills(SimPlatform platform, @TempDir Path disk) {
        SimDevice device = device(platform, disk);
        SimAppProcess process = device.userOpensApp();
        device.onMain("begin", app -> process.application().beginBackgroundTask("save", () -> log.add("expiration on "
                + platform.sim().currentLane())));

        device.userLeavesApp();
        platform.sim().advanceBy(seconds(30));

        assertThat(log).contains("expiration on MAIN");
        assertThat(process.isAlive()).isFalse();
        assertThat(device.process()).isEmpty();
        assertThat(platform.sim().violations(Violation.Kind.APP_KILLED)).hasSize(1);
    }

    @Test
    @DisplayName("taps need a running app: onMain while the app is not running says so")
    void onMainNeedsARunningApp(SimPlatform platform, @TempDir Path disk) {
        SimDevice device = device(platform, disk);
        assertThatThrownBy(() -> device.onMain("tap", app -> { })).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not running");
    }

    @Test
    @DisplayName("a factory is required")
    void factoryIsRequired(SimPlatform platform, @TempDir Path disk) {
        assertThatThrownBy(() -> SimDevice.builder(platform, disk).build()).hasMessageContaining("app(");
        assertThat(SimDevice.builder(platform, disk).app(process -> new AppDelegate() { }).build().process()).isEmpty();
    }
}
