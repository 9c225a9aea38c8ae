package dev.asynckatas.kit.real;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RealNavigator: records what was shown, and every call off the main thread")
class RealNavigatorTest {

    private final RealMainThread main = new RealMainThread();
    private final RealNavigator navigator = new RealNavigator(main);

    @AfterEach
    void stop() throws InterruptedException {
        main.close();
    }

    @Test
    @DisplayName("calls on the main thread are shown and not flagged; a call from another thread is flagged with its thread")
    void flagsCallsOffTheMainThread() throws InterruptedException {
        CountDownLatch shown = new CountDownLatch(1);
        main.execute(() -> {
            navigator.show("receipt");
            navigator.showError("Offline", () -> { });
            shown.countDown();
        });
        assertThat(shown.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(navigator.offMainThread()).isEmpty();

        navigator.show("details");

        assertThat(navigator.shown()).containsExactly("receipt", "error: Offline", "details");
        assertThat(navigator.offMainThread()).singleElement().asString()
                .contains("show('details')").contains(Thread.currentThread().getName());
    }
}
