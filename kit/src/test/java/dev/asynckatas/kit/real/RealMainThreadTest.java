package dev.asynckatas.kit.real;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RealMainThread: one real thread, tasks in submission order")
class RealMainThreadTest {

    private final RealMainThread main = new RealMainThread();

    @AfterEach
    void stop() throws InterruptedException {
        main.close();
    }

    @Test
    @DisplayName("runs tasks in submission order on one thread, where isCurrent is true, and only there")
    void runsInOrderOnOneThread() throws InterruptedException {
        List<Integer> order = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        List<Boolean> current = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        for (int i = 0; i < 100; i++) {
            int n = i;
            main.execute(() -> {
                order.add(n);
                threads.add(Thread.currentThread().getName());
                current.add(main.isCurrent());
            });
        }
        main.execute(done::countDown);

        assertThat(done.await(10, TimeUnit.SECONDS)).as("the main thread ran every task").isTrue();

        assertThat(order).containsExactlyElementsOf(IntStream.range(0, 100).boxed().toList());
        assertThat(threads).containsOnly("main-ui");
        assertThat(current).containsOnly(true);
        assertThat(main.isCurrent()).isFalse();
    }

    @Test
    @DisplayName("a timer runs its task on main-ui once its delay has passed; its future is then done")
    void aTimerRunsOnTheMainThread() throws Exception {
        List<String> threads = new CopyOnWriteArrayList<>();
        CountDownLatch fired = new CountDownLatch(1);

        java.util.concurrent.Future<?> timer = main.schedule(java.time.Duration.ofMillis(20), () -> {
            threads.add(Thread.currentThread().getName());
            fired.countDown();
        });

        assertThat(fired.await(5, TimeUnit.SECONDS)).as("the timer fired").isTrue();
        timer.get(5, TimeUnit.SECONDS);
        assertThat(threads).containsExactly("main-ui");
        assertThat(timer.isDone()).isTrue();
    }

    @Test
    @DisplayName("a timer waits its turn behind a busy main thread, and a cancelled one never runs")
    void timersQueueBehindTheMainThread() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch last = new CountDownLatch(1);
        main.execute(() -> {
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            order.add("busy task ends");
        });

        java.util.concurrent.Future<?> cancelled = main.schedule(java.time.Duration.ofMillis(1), () -> order.add("cancelled timer"));
        main.schedule(java.time.Duration.ofMillis(2), () -> order.add("timer"));
        main.schedule(java.time.Duration.ofMillis(3), last::countDown);
        assertThat(cancelled.cancel(false)).isTrue();
        release.countDown();

        assertThat(last.await(5, TimeUnit.SECONDS)).as("the last timer fired").isTrue();
        assertThat(order).containsExactly("busy task ends", "timer");
        assertThat(cancelled.isCancelled()).isTrue();
    }
}
