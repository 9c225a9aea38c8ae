package dev.asynckatas.kit.races;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One run of a {@link RaceCheck}'s threads, which the model checker repeats once per interleaving: a fresh state,
 * the threads started and joined, then the invariants. What it finds is remembered here, because the checker's own
 * report may be missing (it rarely crashes while drawing the trace) and because the kit must tell a broken invariant
 * from a thread that threw and from running out of time.
 *
 * <p>The checker replays a failing interleaving to draw it, and refuses a replay that does not take the same steps
 * ("non-determinism found"). So the bookkeeping here takes the same steps in every run: atomics updated
 * unconditionally, never a branch on what an earlier run found. The one branch, on the clock, can only differ when
 * the time limit passes between a failure and its replay; the failure is recorded first and wins.
 */
final class Exploration<S> implements Runnable {

    private final RaceCheck<S> check;
    private final long timeLimitNanos;
    /**
     * One state built before the exploration and kept reachable from this object: the checker instruments every
     * class reachable from the object it runs when it starts, so the state's classes are ready even when the
     * supplier is a constructor reference ({@code Handle::new}), whose allocation the checker cannot see.
     */
    @SuppressWarnings("unused")
    private final S warmUp;

    private final AtomicInteger runs = new AtomicInteger();
    private final AtomicInteger foundAt = new AtomicInteger();
    private final AtomicReference<AssertionError> failure = new AtomicReference<>();
    /** 0 until the first run ends: that run pays for instrumenting the classes, a cost of the JVM, not of the check. */
    private final AtomicLong deadline = new AtomicLong();
    private final AtomicInteger outOfTimeAt = new AtomicInteger();
    /** When the whole check must end ({@link Budget#now()} scale), after at least one interleaving; 0 for never. */
    private final long wholeCheckDue;

    Exploration(RaceCheck<S> check, Duration timeLimit, long wholeCheckDue, S warmUp) {
        this.check = check;
        this.timeLimitNanos = timeLimit.toNanos();
        this.wholeCheckDue = wholeCheckDue;
        this.warmUp = warmUp;
    }

    @Override
    public void run() {
        int run = runs.incrementAndGet();
        long due = deadline.get();
        long now = Budget.now();
        if (due != 0 && (now - due > 0 || wholeCheckDue != 0 && now - wholeCheckDue > 0)) {
            outOfTimeAt.compareAndSet(0, run);
            // Throwing is the only way to stop the checker; RaceCheck turns it back into a pass (or reports a failure
            // found before, which this run may be the replay of).
            throw new AssertionError("the time limit ended the exploration");
        }
        S state = check.freshState();
        List<ModelThread<S>> started = new ArrayList<>();
        for (RaceCheck.NamedBody<S> named : check.threads()) {
            started.add(new ModelThread<>(named.name(), named.body(), state));
        }
        for (Thread thread : started) { // Thread-typed on purpose: see ModelThread
            thread.start();
        }
        for (Thread thread : started) {
            join(thread);
        }
        for (ModelThread<S> thread : started) {
            if (thread.failure() != null) {
                fail(run, new AssertionError("The thread '" + thread.getName() + "' failed in one interleaving: " + describe(thread.failure()),
                        thread.failure()));
            }
        }
        for (RaceCheck.Invariant<S> invariant : check.invariants()) {
            if (!invariant.holds().test(state)) {
                fail(run, new BrokenInvariant(invariant.sentence(), invariant.bug()));
            }
        }
        deadline.compareAndSet(0, Budget.now() + timeLimitNanos);
    }

    private void fail(int run, AssertionError error) {
        failure.compareAndSet(null, error);
        foundAt.compareAndSet(0, run);
        throw error;
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the thread '" + thread.getName() + "'", interrupted);
        }
    }

    private static String describe(Throwable thrown) {
        return thrown.getMessage() == null ? thrown.getClass().getName() : thrown.getClass().getSimpleName() + ": " + thrown.getMessage();
    }

    /** How many interleavings ran (the checker's replays of a failure included). */
    int runs() {
        return runs.get();
    }

    /** The interleaving, counted from 1, in which the first failure was seen; 0 if none. */
    int foundAt() {
        return foundAt.get();
    }

    /** The first failure seen, in the learner's terms; null if every interleaving passed. */
    AssertionError failure() {
        return failure.get();
    }

    /** The run the time limit stopped, counted from 1; 0 if it never did. */
    int outOfTimeAt() {
        return outOfTimeAt.get();
    }

    /** An invariant that did not hold, with the bug it reveals (null: the test's own). */
    static final class BrokenInvariant extends AssertionError {
        private final transient String bug;

        BrokenInvariant(String sentence, String bug) {
            super(sentence);
            this.bug = bug;
        }

        String bug() {
            return bug;
        }
    }
}
