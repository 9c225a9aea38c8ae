package dev.asynckatas.kit.races;

import java.util.function.Supplier;

/**
 * Example race 1, in the shape of kata 02's window: a call's handle, where a dispatch thread checks "cancelled?"
 * and then starts the request and stores it, while the user may cancel at any moment. A cancel that lands between
 * the check and the store finds no request to abort: the request runs on although the call was cancelled.
 */
final class CheckThenActRace {

    /** What a kata test of this window states: two threads, one invariant in the learner's terms. */
    static RaceCheck<Handle> cancelDuringDispatch(Supplier<Handle> handle) {
        return RaceCheck.of(handle)
                .thread("dispatch", Handle::dispatch)
                .thread("user cancels", Handle::cancel)
                .invariant("A cancelled call leaves no request running: the cancel came after the check and before the request was stored",
                        h -> h.network().running() == 0);
    }

    interface Handle {
        void dispatch();

        void cancel();

        FakeNetwork network();
    }

    /** The mistake: check, then act, with a window between them. */
    static final class CheckThenAct implements Handle {
        private final FakeNetwork network = new FakeNetwork();
        private volatile boolean cancelled;
        private volatile FakeNetwork.Request request;

        @Override
        public void dispatch() {
            if (!cancelled) {
                request = network.start();
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
            FakeNetwork.Request started = request;
            if (started != null) {
                started.abort();
            }
        }

        @Override
        public FakeNetwork network() {
            return network;
        }
    }

    /** One fix: the check and the store under one lock, so a cancel sees either no request (and none will start) or the request. */
    static final class Locked implements Handle {
        private final FakeNetwork network = new FakeNetwork();
        private boolean cancelled;
        private FakeNetwork.Request request;

        @Override
        public synchronized void dispatch() {
            if (!cancelled) {
                request = network.start();
            }
        }

        @Override
        public synchronized void cancel() {
            cancelled = true;
            if (request != null) {
                request.abort();
            }
        }

        @Override
        public FakeNetwork network() {
            return network;
        }
    }

    /** Another fix, without a lock: store first, then check again, so whichever of the two comes second aborts. */
    static final class RecheckAfterStore implements Handle {
        private final FakeNetwork network = new FakeNetwork();
        private volatile boolean cancelled;
        private volatile FakeNetwork.Request request;

        @Override
        public void dispatch() {
            if (cancelled) {
                return;
            }
            request = network.start();
            if (cancelled) {
                request.abort();
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
            FakeNetwork.Request started = request;
            if (started != null) {
                started.abort();
            }
        }

        @Override
        public FakeNetwork network() {
            return network;
        }
    }

    /** The network as the test sees it: how many requests run (started and not aborted). Correct by itself. */
    static final class FakeNetwork {
        private int running;

        synchronized Request start() {
            running++;
            return new Request();
        }

        synchronized int running() {
            return running;
        }

        final class Request {
            private boolean aborted;

            void abort() {
                synchronized (FakeNetwork.this) {
                    if (!aborted) {
                        aborted = true;
                        running--;
                    }
                }
            }
        }
    }

    private CheckThenActRace() {
    }
}
