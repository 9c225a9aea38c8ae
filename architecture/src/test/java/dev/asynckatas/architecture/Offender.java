package dev.asynckatas.architecture;

import java.time.Instant;
import java.util.Timer;
import java.util.concurrent.CompletableFuture;

/**
 * Breaks every determinism rule once, on purpose: the rules must catch it, which proves they are not
 * vacuous (ArchUnit 1.4.0, for one, read no Java 25 class files and passed everything). Never called.
 */
@SuppressWarnings("unused")
final class Offender {

    private Offender() {
    }

    static void breaksEveryRule() throws InterruptedException {
        Thread.sleep(1);
        System.currentTimeMillis();
        java.util.function.LongSupplier clock = System::nanoTime;
        Instant.now();
        new Thread(() -> { }).start();
        new Timer().cancel();
        CompletableFuture.supplyAsync(() -> 1).thenApplyAsync(x -> x);
    }
}
