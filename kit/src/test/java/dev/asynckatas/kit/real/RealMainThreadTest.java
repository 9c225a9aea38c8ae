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
}
