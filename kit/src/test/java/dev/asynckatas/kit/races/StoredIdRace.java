package dev.asynckatas.kit.races;

import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * Example race 3, in the shape of kata 01's window: a background task's id stored on the main thread and read on the
 * network thread, which ends the task when the response arrives. If the request is sent before the id is stored, a
 * quick response reads the id that is not there yet: the task is never ended and the app is killed in the
 * background.
 */
final class StoredIdRace {

    static RaceCheck<Upload> quickResponse(Supplier<Upload> upload) {
        return RaceCheck.of(upload)
                .thread("main", Upload::start)
                .thread("network", u -> {
                    u.network().awaitSent(); // a response can only arrive once the request has left
                    u.responseArrived();
                })
                .invariant("The background task is ended when the response arrives: the response read the task's id before"
                        + " it was stored", u -> u.app().openTasks() == 0);
    }

    interface Upload {
        void start();

        void responseArrived();

        FakeApplication app();

        FakeNetwork network();
    }

    /** The mistake: send first, then begin the background task and store its id. */
    static final class SendThenBegin implements Upload {
        private final FakeApplication app = new FakeApplication();
        private final FakeNetwork network = new FakeNetwork();
        private volatile int taskId = FakeApplication.INVALID;

        @Override
        public void start() {
            network.send();
            taskId = app.beginBackgroundTask();
        }

        @Override
        public void responseArrived() {
            app.endBackgroundTask(taskId);
        }

        @Override
        public FakeApplication app() {
            return app;
        }

        @Override
        public FakeNetwork network() {
            return network;
        }
    }

    /** The fix: the id is stored before the request leaves, so whoever reads it after the response sees it. */
    static final class BeginThenSend implements Upload {
        private final FakeApplication app = new FakeApplication();
        private final FakeNetwork network = new FakeNetwork();
        private volatile int taskId = FakeApplication.INVALID;

        @Override
        public void start() {
            taskId = app.beginBackgroundTask();
            network.send();
        }

        @Override
        public void responseArrived() {
            app.endBackgroundTask(taskId);
        }

        @Override
        public FakeApplication app() {
            return app;
        }

        @Override
        public FakeNetwork network() {
            return network;
        }
    }

    /**
     * Background tasks as UIKit keeps them: ending the invalid id does nothing. Correct by itself, and small on purpose:
     * every shared access in a fake is one more place for the checker to switch threads (a list here cost 3 times as much).
     */
    static final class FakeApplication {
        static final int INVALID = 0;
        private int begun;
        private int ended;

        synchronized int beginBackgroundTask() {
            return ++begun;
        }

        synchronized void endBackgroundTask(int id) {
            if (id != INVALID) {
                ended++;
            }
        }

        synchronized int openTasks() {
            return begun - ended;
        }
    }

    /** The request leaving: a latch the network thread waits on. */
    static final class FakeNetwork {
        private final CountDownLatch sent = new CountDownLatch(1);

        void send() {
            sent.countDown();
        }

        void awaitSent() throws InterruptedException {
            sent.await();
        }
    }

    private StoredIdRace() {
    }
}
