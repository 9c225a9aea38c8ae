package dev.asynckatas.backgrounddownloads;

import dev.asynckatas.kit.junit.CatchesBug;
import dev.asynckatas.kit.races.RaceCheck;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Kata 06 on real threads, where the simulation cannot look: the end of a wake. The completion handler is kept on the
 * main thread, and the session says "every event delivered" on its delegate queue, another thread. Once the app calls
 * the handler, the system may suspend it at once, with its other threads frozen wherever they are, and wake it again
 * later for new events: the next wake's {@code handleEventsForBackgroundSession} then runs on the main thread beside
 * whatever the delegate queue had left to do of the last one. A model checker explores those steps (see
 * {@link RaceCheck}); the simulation runs each callback whole and cannot stop one half-way.
 *
 * <p>The main thread, the session's delegate queue and the system each have a thread of the check. The checker's default
 * budget, 100 interleavings, costs about 1 s of CPU for a correct app; a handler forgotten after the hand-over shows at
 * the 44th.
 */
class BackgroundDownloadsRacesTest {

    /** Made here, outside the check: the model checker refuses every method of a Path. */
    private static final Path DOWNLOADS = Path.of("downloads");

    @Test
    @DisplayName("a wake ends as the next begins: each wake's completion handler is called once, on MAIN, after didFinishEvents")
    @CatchesBug(Bugs.HANDLER_NEVER_CALLED)
    void eachWakesHandlerIsCalledEvenWhenTheNextWakeComesAtOnce() {
        RaceCheck.of(TwoWakes::new)
                .stateOutsideTheModel() // the app launched in the background for the first wake: one thread, nothing to explore
                .thread("main", w -> w.device.main().run())
                .thread("session", TwoWakes::deliverEachWakesLastEvent)
                .thread("system", TwoWakes::wakeAgainOnceTheFirstHandlerRan)
                .invariant("The first wake's completion handler is called exactly once, on the main thread, once the session"
                        + " has delivered didFinishEvents: the system keeps the app awake until it is", TwoWakes::firstHandlerCalledOnce)
                .invariant("The second wake's completion handler is called too: the first wake's handler was forgotten after it"
                        + " was handed to the main thread, and by then the app could be suspended and woken again, so the"
                        + " forgetting wiped the new wake's handler", TwoWakes::secondHandlerCalledOnce,
                        "forgets the stored completion handler on the delegate queue after handing it to main: a new wake's"
                        + " handler, stored meanwhile, is wiped and never called")
                .check();
    }

    /**
     * The app launched by the system for its session's events: the first wake's handler is with the app, and the
     * session has delivered every event of it but the last, didFinishEvents. Built for every interleaving.
     */
    static final class TwoWakes {
        final RaceDevice device = new RaceDevice(2);
        final PodcastApp app = new PodcastApp(device, DOWNLOADS, new NoScreen());
        final Handler first = new Handler(device.main());
        final Handler second = new Handler(device.main());
        /** Whether the system woke the app again (after its handleEventsForBackgroundSession returned), or not. */
        final CompletableFuture<Boolean> wokenAgain = new CompletableFuture<>();
        final Runnable finishEvents;

        TwoWakes() {
            device.main().execute(app::didFinishLaunching);
            device.main().execute(() -> app.handleEventsForBackgroundSession(EpisodeDownloader.SESSION, first));
            device.main().runPendingHere();
            finishEvents = device.finishEventsDelivery();
        }

        /** The session's last event of each wake, one at a time: the first wake's, then the second's if there is one. */
        void deliverEachWakesLastEvent() {
            first.finishEventsDelivered = true;
            finishEvents.run();
            if (wokenAgain.join()) {
                second.finishEventsDelivered = true;
                finishEvents.run();
            }
            device.main().noMoreFrom();
        }

        /**
         * Once the app has called the first handler the system may suspend it, and new events wake it again: on the main
         * thread, the second wake's handleEventsForBackgroundSession. If the handler has not run yet, no second wake here.
         */
        void wakeAgainOnceTheFirstHandlerRan() {
            if (first.calls > 0) {
                device.main().execute(() -> {
                    app.handleEventsForBackgroundSession(EpisodeDownloader.SESSION, second);
                    wokenAgain.complete(true);
                });
            } else {
                wokenAgain.complete(false);
            }
            device.main().noMoreFrom();
        }

        boolean firstHandlerCalledOnce() {
            return first.calledOnceOnMainAfterFinishEvents();
        }

        boolean secondHandlerCalledOnce() {
            return !wokenAgain.join() || second.calledOnceOnMainAfterFinishEvents();
        }
    }

    /** A wake's completion handler, as the system hands it over: it remembers how and when it was called. */
    static final class Handler implements Runnable {
        private final MainLoop main;
        volatile boolean finishEventsDelivered;
        volatile int calls;
        /** Called off the main thread, or before the session's didFinishEvents. */
        volatile boolean wrongly;

        Handler(MainLoop main) {
            this.main = main;
        }

        @Override
        public void run() {
            if (!main.isCurrent() || !finishEventsDelivered) {
                wrongly = true;
            }
            calls++;
        }

        boolean calledOnceOnMainAfterFinishEvents() {
            return calls == 1 && !wrongly;
        }
    }

    /** The downloads screen: nothing is downloaded in this test, so nothing is shown. */
    static final class NoScreen implements DownloadsView {
        @Override
        public void showProgress(URI episode, long received, long expected) {
        }

        @Override
        public void showDownloaded(URI episode, Path file) {
        }

        @Override
        public void showFailed(URI episode, String reason) {
        }
    }
}
