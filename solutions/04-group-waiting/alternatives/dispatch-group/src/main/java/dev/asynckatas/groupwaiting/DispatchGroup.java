package dev.asynckatas.groupwaiting;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/** GCD's {@code DispatchGroup}, the part this kata needs: enter, leave, notify, and wait with a timeout. */
final class DispatchGroup {

    private int count;                                       // guarded by this
    private CountDownLatch emptied = new CountDownLatch(0);  // guarded by this: open while the group is empty
    private final List<Runnable> whenEmpty = new ArrayList<>(); // guarded by this

    synchronized void enter() {
        if (count++ == 0) {
            emptied = new CountDownLatch(1);
        }
    }

    /** @throws IllegalStateException on a leave without its enter (libdispatch crashes there) */
    void leave() {
        List<Runnable> blocks;
        CountDownLatch open;
        synchronized (this) {
            if (count == 0) {
                throw new IllegalStateException("Unbalanced call to leave(): every leave() must match an enter()");
            }
            if (--count > 0) {
                return;
            }
            blocks = List.copyOf(whenEmpty);
            whenEmpty.clear();
            open = emptied;
        }
        open.countDown();
        blocks.forEach(Runnable::run);
    }

    /** {@code group.notify(queue:)}: runs {@code block} on {@code queue} once the group is empty (now, if it is). */
    void notifyOn(Executor queue, Runnable block) {
        synchronized (this) {
            if (count > 0) {
                whenEmpty.add(() -> queue.execute(block));
                return;
            }
        }
        queue.execute(block);
    }

    /** {@code group.wait(timeout:)}: whether the group became empty within {@code timeout}. */
    boolean await(Duration timeout) throws InterruptedException {
        CountDownLatch latch;
        synchronized (this) {
            latch = emptied;
        }
        return latch.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** {@code group.wait()}: for when nothing in the group can take long any more. */
    void await() throws InterruptedException {
        CountDownLatch latch;
        synchronized (this) {
            latch = emptied;
        }
        latch.await();
    }
}
