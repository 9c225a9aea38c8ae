package dev.asynckatas.kit.races;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Example race 2, in the shape of kata 04's window: downloads that finish on their own threads each bump a counter
 * of finished downloads. {@code count++} is a read and a write: two downloads finishing together can both read 0,
 * and the group then waits for ever for a download that has already finished.
 */
final class UnsynchronisedCounterRace {

    static RaceCheck<Counter> twoDownloadsFinishTogether(Supplier<Counter> counter) {
        return RaceCheck.of(counter)
                .thread("download 1", Counter::downloadFinished)
                .thread("download 2", Counter::downloadFinished)
                .invariant("Both finished downloads are counted: a count bumped from two threads without a lock loses one",
                        c -> c.finished() == 2);
    }

    interface Counter {
        void downloadFinished();

        int finished();
    }

    /** The mistake: a plain field bumped from several threads. */
    static final class PlainField implements Counter {
        private int finished;

        @Override
        public void downloadFinished() {
            finished++;
        }

        @Override
        public int finished() {
            return finished;
        }
    }

    /** The fix: an atomic read-modify-write. */
    static final class Atomic implements Counter {
        private final AtomicInteger finished = new AtomicInteger();

        @Override
        public void downloadFinished() {
            finished.incrementAndGet();
        }

        @Override
        public int finished() {
            return finished.get();
        }
    }

    private UnsynchronisedCounterRace() {
    }
}
