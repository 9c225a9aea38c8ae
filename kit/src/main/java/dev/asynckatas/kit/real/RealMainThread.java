package dev.asynckatas.kit.real;

import dev.asynckatas.platform.MainThread;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** A real main thread: one platform thread named {@code main-ui}, running tasks in submission order. */
public final class RealMainThread implements MainThread, AutoCloseable {

    private volatile Thread thread;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
        Thread created = Thread.ofPlatform().name("main-ui").daemon().unstarted(task);
        thread = created;
        return created;
    });

    @Override
    public void execute(Runnable task) {
        executor.execute(task);
    }

    @Override
    public boolean isCurrent() {
        return Thread.currentThread() == thread;
    }

    /** Stops the thread after the tasks already submitted; waits up to 5 s. */
    @Override
    public void close() throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
            executor.shutdownNow();
        }
    }
}
