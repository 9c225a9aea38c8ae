package dev.asynckatas.kit.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asynckatas.kit.SimPlatform;
import dev.asynckatas.kit.http.Exchange;
import dev.asynckatas.kit.http.Reply;
import dev.asynckatas.kit.junit.SimulationTest;
import dev.asynckatas.kit.sim.Violation;
import dev.asynckatas.platform.Application;
import dev.asynckatas.platform.TransferTask;
import java.io.IOException;
import java.net.URI;
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
@DisplayName("Simulated transfer service: background sessions that outlive the app's processes")
class SimTransferServiceTest {

    private final List<String> log = new ArrayList<>();
    private final List<RecordingApp> apps = new ArrayList<>();

    private SimDevice device(SimPlatform platform, Path disk, boolean movesFiles) {
        return SimDevice.builder(platform, disk).app(process -> {
            RecordingApp app = new RecordingApp(process, apps.size() + 1, log, movesFiles);
            apps.add(app);
            return app;
        }).build();
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis(Math.round(s * 1000));
    }

    private static void serve(SimPlatform platform, String path, Reply reply) {
        platform.network().on("GET", path).respond(reply);
    }

    private RecordingApp app(int process) {
        return apps.get(process - 1);
    }

    @Test
    @DisplayName("in front: progress, then didFinishDownloading with the server's bytes, then didComplete, on the delegate queue")
    void inFrontTheEventsComeInOrder(SimPlatform platform, @TempDir Path disk) throws IOException {
        SimDevice device = device(platform, disk, true);
        serve(platform, "/a", Reply.ok("abcdefgh").after(seconds(1)).inChunks(2, seconds(1)));
        device.userOpensApp();

        device.onMain("download", app -> app(1).download("https://cdn.test/a"));
        platform.sim().advanceTo(seconds(10));

        assertThat(log).containsExactly("#1 main: didFinishLaunching", "#1 queue: didWriteData(1, 4/8)", "#1 queue: didWriteData(1, 8/8)",
                "#1 queue: didFinishDownloading(1, HTTP 200)", "#1 queue: didComplete(1)");
        assertThat(Files.readString(device.cachesDirectory().resolve("task-1"))).isEqualTo("abcdefgh");
        SimDownload download = device.transferService().downloads().get(0);
        assertThat(download.fileLeftAtTemporaryLocation()).contains(false);
        assertThat(download.completionDeliveries()).isEqualTo(1);
        assertThat(device.transferService().temporaryFiles()).isEmpty();
        assertThat(device.wakes()).as("no wake while the app runs").isEmpty();
    }

    @Test
    @DisplayName("the temporary file is deleted as soon as didFinishDownloading returns, if the delegate left it there")
    void theTemporaryFileIsDeletedWhenTheCallbackReturns(SimPlatform platform, @TempDir Path disk) {
        SimDevice device = device(platform, disk, false);
        serve(platform, "/a", Reply.ok("abc").after(seconds(1)));
        List<Boolean> existedDuringTheCall = new ArrayList<>();
        device.userOpensApp();
        device.onMain("download", app -> app(1).onFinishDownloading(a -> existedDuringTheCall.add(
                !device.transferService().temporaryFiles().isEmpty())).download("https://cdn.test/a"));

        platform.sim().advanceTo(seconds(5));

        assertThat(existedDuringTheCall).containsExactly(true);
        assertThat(device.transferService().temporaryFiles()).isEmpty();
        assertThat(device.transferService().downloads().get(0).fileLeftAtTemporaryLocation()).contains(true);
    }

    @Test
    @DisplayName("a 404 is a response like any other: its body is downloaded and didComplete has no error; the status tells")
    void anHttpErrorIsNotATransferError(SimPlatform platform, @TempDir Path disk) throws IOException {
        SimDevice device = device(platform, disk, true);
        serve(platform, "/missing", Reply.status(404).body("no such episode").after(seconds(1)));
        device.userOpensApp();

        device.onMain("download", app -> app(1).download("https://cdn.test/missing"));
        platform.sim().advanceTo(seconds(5));

        assertThat(log).contains("#1 queue: didFinishDownloading(1, HTTP 404)", "#1 queue: didComplete(1)");
        assertThat(Files.readString(device.cachesDirectory().resolve("task-1"))).isEqualTo("no such episode");
    }

    @Test
    @DisplayName("a reset, a body cut short, a full disk: didComplete with the error, no didFinishDownloading, no file left")
    void failuresCompleteWithAnError(SimPlatform platform, @TempDir Path disk) {
        SimDevice device = device(platform, disk, true);
        serve(platform, "/reset", Reply.connectionReset().after(seconds(1)));
        serve(platform, "/cut", Reply.ok("0123456789").after(seconds(1)).inChunks(2, seconds(0.5)).cutShortAfter(7));
        serve(platform, "/big", Reply.ok("0123456789").after(seconds(3)));
        device.userOpensApp();

        device.onMain("download", app -> app(1).download("https://cdn.test/reset", "https://cdn.test/cut", "https://cdn.test/big"));
        platform.sim().advanceTo(seconds(2.5));
        device.transferService().storageFull(true);
        platform.sim().advanceTo(seconds(10));

        assertThat(log).filteredOn(line -> line.contains("didComplete")).containsExactlyInAnyOrder(
                "#1 queue: didComplete(1, Connection reset)",
                "#1 queue: didComplete(2, connection closed before the whole body arrived (7 of 10 bytes))",
                "#1 queue: didComplete(3, No space left on device: the download could not be stored)");
        assertThat(log).noneMatch(line -> line.contains("didFinishDownloading"));
        assertThat(device.transferService().temporaryFiles()).isEmpty();
        assertThat(device.transferService().downloads()).allMatch(d -> d.error().isPresent());
    }

    @Test
    @DisplayName("suspended while downloading: no progress; at the end the system resumes it, handleEvents, the events, didFinishEvents")
    void aSuspendedAppIsWokenWhenTheTasksAreDone(SimPlatform platform, @TempDir Path disk) throws IOException {
        SimDevice device = device(platform, disk, true);
        serve(platform, "/a", Reply.ok("aaaa").after(seconds(10)));
        serve(platform, "/b", Reply.ok("bbbb").after(seconds(20)).inChunks(2, seconds(1)));
        SimAppProcess process = device.userOpensApp();
        device.onMain("download", app -> app(1).download("https://cdn.test/a", "https://cdn.test/b"));

        platform.sim().advanceTo(seconds(1));
        device.userLeavesApp();
        platform.sim().advanceTo(seconds(21.5));
        assertThat(process.state()).as("suspended while task 2 still runs").isEqualTo(Application.State.SUSPENDED);
        assertThat(device.wakes()).isEmpty();
        platform.sim().advanceTo(seconds(60));

        assertThat(log).containsExactly("#1 main: didFinishLaunching", "#1 main: handleEvents(test.downloads)",
                "#1 queue: didFinishDownloading(1, HTTP 200)", "#1 queue: didComplete(1)",
                "#1 queue: didFinishDownloading(2, HTTP 200)", "#1 queue: didComplete(2)",
                "#1 queue: didFinishEvents", "#1 main: calls the completion handler");
        assertThat(device.wakes()).singleElement().satisfies(wake -> {
            assertThat(wake.launchedTheApp()).isFalse();
            assertThat(wake.startedAt()).isEqualTo(seconds(22));
            assertThat(wake.end()).contains(Wake.End.HANDLER_CALLED);
            assertThat(wake.handlerCalls()).singleElement().satisfies(call -> {
                assertThat(call.onMain()).isTrue();
                assertThat(call.eventsStillUndelivered()).isZero();
                assertThat(call.afterFinishEvents()).isTrue();
            });
        });
        assertThat(process.state()).as("suspended again after the handler").isEqualTo(Application.State.SUSPENDED);
        assertThat(Files.readString(device.cachesDirectory().resolve("task-2"))).isEqualTo("bbbb");
    }

    @Test
    @DisplayName("terminated while downloading: the system launches a new process, which reopens the session and gets every event")
    void aTerminatedAppIsLaunchedForTheEvents(SimPlatform platform, @TempDir Path disk) throws IOException {
        SimDevice device = device(platform, disk, true);
        serve(platform, "/a", Reply.ok("aaaa").after(seconds(20)));
        SimAppProcess first = device.userOpensApp();
        device.onMain("download", app -> app(1).download("https://cdn.test/a"));
        device.userLeavesApp();
        platform.sim().advanceTo(seconds(5));

        device.systemTerminatesApp();
        platform.sim().advanceTo(seconds(60));

        assertThat(first.isAlive()).isFalse();
        assertThat(device.processes()).hasSize(2);
        SimAppProcess second = device.processes().get(1);
        assertThat(second.launchedBy()).isEqualTo(SimAppProcess.LaunchedBy.SYSTEM);
        assertThat(second.state()).isEqualTo(Application.State.SUSPENDED);
        assertThat(log).containsExactly("#1 main: didFinishLaunching", "#2 main: didFinishLaunching", "#2 main: handleEvents(test.downloads)",
                "#2 queue: didFinishDownloading(1, HTTP 200)", "#2 queue: didComplete(1)", "#2 queue: didFinishEvents",
                "#2 main: calls the completion handler");
        assertThat(device.wakes()).singleElement().matches(Wake::launchedTheApp);
        assertThat(device.transferService().deliveries()).allMatch(d -> d.process() == 2);
        assertThat(Files.readString(device.cachesDirectory().resolve("task-1"))).isEqualTo("aaaa");
    }

    @Test
    @DisplayName("the user opens the app again before the downloads end: the new process gets the events as they come, no wake")
    void aUserLaunchGetsTheEventsWithoutAWake(SimPlatform platform, @TempDir Path disk) {
        SimDevice device = device(platform, disk, true);
        serve(platform, "/a", Reply.ok("aaaa").after(seconds(3)));
        serve(platform, "/b", Reply.ok("bbbb").after(seconds(20)));
        device.userOpensApp();
        device.onMain("download", app -> app(1).download("https://cdn.test/a", "https://cdn.test/b"));
        device.userLeavesApp();
        platform.sim().advanceTo(seconds(5));
        device.systemTerminatesApp();
        platform.sim().advanceTo(seconds(12));

        device.userOpensApp();
        List<TransferTask> unfinished = app(2).session.allTasks().join();
        assertThat(unfinished).filteredOn(task -> task.state() == TransferTask.State.RUNNING).singleElement().satisfies(task -> {
            assertThat(task.identifier()).isEqualTo(2);
            assertThat(task.originalRequest()).isEqualTo(URI.create("https://cdn.test/b"));
        });
        platform.sim().advanceTo(seconds(30));

        assertThat(log).containsSubsequence("#2 main: didFinishLaunching", "#2 queue: didFinishDownloading(1, HTTP 200)",
                "#2 queue: didComplete(1)", "#2 queue: didFinishDownloading(2, HTTP 200)", "#2 queue: didComplete(2)");
        assertThat(log).noneMatch(line -> line.contains("handleEvents") || line.contains("didFinishEvents"));
        assertThat(device.wakes()).isEmpty();
        assertThat(app(2).session.allTasks().join()).isEmpty();
    }

    @Test
    @DisplayName("a process that dies inside didFinishDownloading has not been given the event: the next process gets it again")
    void anEventIsDeliveredWhenTheCallReturnsInALiveProcess(SimPlatform platform, @TempDir Path disk) throws IOException {
        AtomicReference<SimDevice> theDevice = new AtomicReference<>();
        SimDevice device = SimDevice.builder(platform, disk).app(process -> {
            boolean first = apps.isEmpty();
            // The first process is killed in the middle of the callback, before it could move the file.
            RecordingApp app = new RecordingApp(process, apps.size() + 1, log, !first);
            if (first) {
                app.onFinishDownloading(a -> theDevice.get().systemTerminatesApp());
            }
            apps.add(app);
            return app;
        }).build();
        theDevice.set(device);
        serve(platform, "/a", Reply.ok("aaaa").after(seconds(1)));
        device.userOpensApp();
        device.onMain("download", app -> app(1).download("https://cdn.test/a"));
        platform.sim().advanceTo(seconds(5));
        assertThat(device.process()).isEmpty();

        device.userOpensApp();
        platform.sim().advanceTo(seconds(10));

        assertThat(log).containsSubsequence("#1 queue: didFinishDownloading(1, HTTP 200)", "#2 queue: didFinishDownloading(1, HTTP 200)",
                "#2 queue: didComplete(1)");
        assertThat(Files.readString(device.cachesDirectory().resolve("task-1"))).isEqualTo("aaaa");
        assertThat(device.transferService().deliveries()).filteredOn(d -> !d.event().equals("didWriteData"))
                .extracting(Delivery::process).containsOnly(2);
    }

    @Test
    @DisplayName("a completion handler never called: the wake ends when the background time runs out, and the app is suspended")
    void aHandlerNeverCalledEndsWithTheBackgroundTime(SimPlatform platform, @TempDir Path disk) {
        SimDevice device = SimDevice.builder(platform, disk).app(process -> new RecordingApp(process, 1, log, true) {
            @Override
            public void handleEventsForBackgroundSession(String identifier, Runnable completionHandler) {
                // kept nowhere
            }
        }).build();
        serve(platform, "/a", Reply.ok("aaaa").after(seconds(10)));
        SimAppProcess process = device.userOpensApp();
        device.onMain("download", app -> ((RecordingApp) app).download("https://cdn.test/a"));
        device.userLeavesApp();

        platform.sim().advanceTo(seconds(39));
        assertThat(process.state()).isEqualTo(Application.State.BACKGROUND);
        platform.sim().advanceTo(seconds(40));

        assertThat(process.state()).isEqualTo(Application.State.SUSPENDED);
        assertThat(device.wakes()).singleElement().satisfies(wake -> {
            assertThat(wake.end()).contains(Wake.End.BACKGROUND_TIME_RAN_OUT);
            assertThat(wake.handlerCalls()).isEmpty();
            assertThat(wake.finishEventsDeliveredAt()).isPresent();
        });
    }

    @Test
    @DisplayName("the completion handler called off MAIN, or twice, is recorded: Main Thread Checker, and a second call")
    void handlerOffMainOrTwiceIsRecorded(SimPlatform platform, @TempDir Path disk) {
        SimDevice device = SimDevice.builder(platform, disk).app(process -> new RecordingApp(process, 1, log, true) {
            @Override
            public void didFinishEvents(dev.asynckatas.platform.TransferSession session) {
                completionHandler.run();
                completionHandler.run();
            }
        }).build();
        serve(platform, "/a", Reply.ok("aaaa").after(seconds(10)));
        device.userOpensApp();
        device.onMain("download", app -> ((RecordingApp) app).download("https://cdn.test/a"));
        device.userLeavesApp();

        platform.sim().advanceTo(seconds(20));

        Wake wake = device.wakes().get(0);
        assertThat(wake.handlerCalls()).hasSize(2).allSatisfy(call -> assertThat(call.onMain()).isFalse());
        assertThat(platform.sim().violations(Violation.Kind.MAIN_THREAD_CHECKER)).isNotEmpty();
    }

    @Test
    @DisplayName("a session whose delegate queue is MAIN may call the handler inside didFinishEvents: that is after it")
    void handlerCalledInsideDidFinishEventsOnMain(SimPlatform platform, @TempDir Path disk) {
        SimDevice device = SimDevice.builder(platform, disk).app(process -> new RecordingApp(process, 1, log, true) {
            @Override
            public void didFinishLaunching() {
                session = process.transfers().backgroundSession(SESSION, this, process.main());
            }

            @Override
            public void didFinishEvents(dev.asynckatas.platform.TransferSession session) {
                completionHandler.run();
            }
        }).build();
        serve(platform, "/a", Reply.ok("aaaa").after(seconds(10)));
        SimAppProcess process = device.userOpensApp();
        device.onMain("download", app -> ((RecordingApp) app).download("https://cdn.test/a"));
        device.userLeavesApp();

        platform.sim().advanceTo(seconds(20));

        assertThat(device.wakes().get(0).handlerCalls()).singleElement().satisfies(call -> {
            assertThat(call.onMain()).isTrue();
            assertThat(call.afterFinishEvents()).isTrue();
            assertThat(call.eventsStillUndelivered()).isZero();
        });
        assertThat(process.state()).isEqualTo(Application.State.SUSPENDED);
    }

    @Test
    @DisplayName("the handler called before the events are handled: the app is suspended with events undelivered; they wait")
    void handlerCalledTooEarlyLeavesEventsWaiting(SimPlatform platform, @TempDir Path disk) {
        SimDevice device = SimDevice.builder(platform, disk).app(process -> new RecordingApp(process, apps.size() + 1, log, true) {
            @Override
            public void handleEventsForBackgroundSession(String identifier, Runnable completionHandler) {
                completionHandler.run();
            }
        }).build();
        serve(platform, "/a", Reply.ok("aaaa").after(seconds(10)));
        SimAppProcess process = device.userOpensApp();
        device.onMain("download", app -> ((RecordingApp) app).download("https://cdn.test/a"));
        device.userLeavesApp();

        platform.sim().advanceTo(seconds(20));

        assertThat(device.wakes().get(0).handlerCalls()).singleElement().satisfies(call -> {
            assertThat(call.onMain()).isTrue();
            assertThat(call.eventsStillUndelivered()).isEqualTo(2);
        });
        assertThat(process.state()).isEqualTo(Application.State.SUSPENDED);
        assertThat(device.transferService().undeliveredEvents(RecordingApp.SESSION)).isEqualTo(2);
        device.userOpensApp();
        assertThat(device.transferService().undeliveredEvents(RecordingApp.SESSION)).isZero();
    }

    @Test
    @DisplayName("one session per identifier per process; the session of a dead process refuses to download")
    void oneSessionPerIdentifier(SimPlatform platform, @TempDir Path disk) {
        SimDevice device = device(platform, disk, true);
        SimAppProcess first = device.userOpensApp();

        assertThatThrownBy(() -> first.transfers().backgroundSession(RecordingApp.SESSION, app(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already open");
        device.systemTerminatesApp();
        assertThatThrownBy(() -> app(1).session.download(URI.create("https://cdn.test/a")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("terminated");
        assertThat(device.deadProcessCalls()).hasSize(1);
    }

    @Test
    @DisplayName("a cancel stops the download (the server sees the abort) and completes the task with an error")
    void cancelStopsTheDownload(SimPlatform platform, @TempDir Path disk) {
        SimDevice device = device(platform, disk, true);
        serve(platform, "/a", Reply.ok("aaaa").after(seconds(10)));
        device.userOpensApp();
        List<TransferTask> started = new ArrayList<>();
        device.onMain("download", app -> started.add(app(1).session.download(URI.create("https://cdn.test/a"))));

        platform.sim().advanceTo(seconds(2));
        device.onMain("cancel", app -> started.get(0).cancel());
        platform.sim().advanceTo(seconds(20));

        assertThat(log).contains("#1 queue: didComplete(1, cancelled)");
        assertThat(platform.network().exchanges()).singleElement().matches(Exchange::wasAborted);
        assertThat(started.get(0).state()).isEqualTo(TransferTask.State.COMPLETED);
    }

    @Test
    @DisplayName("the same task object within a process; the identifier and URL survive into the next process")
    void taskIdentityWithinAndAcrossProcesses(SimPlatform platform, @TempDir Path disk) {
        SimDevice device = device(platform, disk, true);
        serve(platform, "/a", Reply.never());
        device.userOpensApp();
        List<TransferTask> started = new ArrayList<>();
        device.onMain("download", app -> started.add(app(1).session.download(URI.create("https://cdn.test/a"))));
        assertThat(app(1).session.allTasks().join()).singleElement().isSameAs(started.get(0));

        device.systemTerminatesApp();
        device.userOpensApp();
        TransferTask seenByTheSecond = app(2).session.allTasks().join().get(0);

        assertThat(seenByTheSecond).isNotSameAs(started.get(0));
        assertThat(seenByTheSecond.identifier()).isEqualTo(started.get(0).identifier());
        assertThat(seenByTheSecond.originalRequest()).isEqualTo(URI.create("https://cdn.test/a"));
        assertThat(seenByTheSecond.state()).isEqualTo(TransferTask.State.RUNNING);
    }
}
