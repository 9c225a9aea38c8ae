package dev.asynckatas.kit.real;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.asynckatas.platform.Screen;
import dev.asynckatas.platform.ScreenView;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Real screens: opened and closed on the real main thread; what the view showed, from which thread")
class RealScreenTest {

    static final class Probe implements Screen {
        final ScreenView view;
        String openedOn;
        String closedOn;

        Probe(ScreenView view) {
            this.view = view;
        }

        @Override
        public void open() {
            openedOn = Thread.currentThread().getName();
            view.showLoading();
        }

        @Override
        public void close() {
            closedOn = Thread.currentThread().getName();
        }
    }

    @Test
    @DisplayName("open, act and close run on the main thread; displays record their thread and whether the screen was open")
    void recordsThreadsAndTheOpenFlag() throws Exception {
        ExecutorService background = Executors.newSingleThreadExecutor();
        try (RealMainThread main = new RealMainThread()) {
            Probe[] probe = new Probe[1];
            RealScreen<Probe> screen = RealScreen.open(main, view -> probe[0] = new Probe(view));
            screen.act("show from the background", p -> background.execute(() -> p.view.show("21°C")));
            await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(5)).until(() -> screen.shown().size() == 2);
            screen.close();
            probe[0].view.showError("late");

            assertThat(probe[0].openedOn).isEqualTo("main-ui");
            assertThat(probe[0].closedOn).isEqualTo("main-ui");
            assertThat(screen.isOpen()).isFalse();
            assertThat(screen.shown()).extracting(RealScreen.Shown::kind, RealScreen.Shown::onMain, RealScreen.Shown::screenOpen)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(RealScreen.Shown.Kind.LOADING, true, true),
                            org.assertj.core.groups.Tuple.tuple(RealScreen.Shown.Kind.CONTENT, false, true),
                            org.assertj.core.groups.Tuple.tuple(RealScreen.Shown.Kind.ERROR, false, false));
            assertThatThrownBy(() -> screen.act("tap", p -> { })).isInstanceOf(AssertionError.class).hasMessageContaining("closed");
        } finally {
            background.shutdownNow();
        }
    }
}
