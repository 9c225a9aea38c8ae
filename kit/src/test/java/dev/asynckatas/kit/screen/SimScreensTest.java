package dev.asynckatas.kit.screen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asynckatas.kit.junit.SimulationTest;
import dev.asynckatas.kit.screen.ScreenEvent.Displayed;
import dev.asynckatas.kit.screen.ScreenEvent.Displayed.Kind;
import dev.asynckatas.kit.sim.Simulation;
import dev.asynckatas.kit.sim.Violation;
import dev.asynckatas.kit.timeline.TimelineEvent;
import dev.asynckatas.platform.Screen;
import dev.asynckatas.platform.ScreenView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@SimulationTest
@DisplayName("Simulated screens: opened and closed on MAIN, what they displayed, and whether a closed one is still held")
class SimScreensTest {

    /** Stands for an app-wide service that keeps its listeners: whatever it holds stays in memory. */
    private static final List<Object> APP_WIDE_LISTENERS = new ArrayList<>();

    @AfterEach
    void forgetListeners() {
        APP_WIDE_LISTENERS.clear();
    }

    /** A screen that shows "Loading…" when opened and records its lifecycle calls (by lane) in a list it is given. */
    static final class TestScreen implements Screen {
        final ScreenView view;
        private final List<String> calls;
        private final Simulation sim;

        TestScreen(ScreenView view, List<String> calls, Simulation sim) {
            this.view = view;
            this.calls = calls;
            this.sim = sim;
        }

        @Override
        public void open() {
            calls.add("open on " + sim.currentLane());
            view.showLoading();
        }

        @Override
        public void close() {
            calls.add("close on " + sim.currentLane());
        }
    }

    @Test
    @DisplayName("open and close run on MAIN; the history keeps their order, with every display's time, lane and open flag")
    void recordsTheLifecycleAndEveryDisplay(Simulation sim, SimScreens screens) {
        List<String> calls = new ArrayList<>();
        ScreenHandle<TestScreen> screen = screens.open("weather", view -> new TestScreen(view, calls, sim));
        sim.advanceTo(Duration.ofSeconds(1));
        screen.act("taps refresh", s -> s.view.show("21°C"));
        screen.close();

        assertThat(calls).containsExactly("open on MAIN", "close on MAIN");
        assertThat(screen.name()).isEqualTo("weather #1");
        assertThat(screen.isClosed()).isTrue();
        assertThat(screen.closedAt()).contains(Duration.ofSeconds(1));
        assertThat(screens.history()).extracting(Object::getClass).extracting(Class::getSimpleName)
                .containsExactly("Opened", "Displayed", "Acted", "Displayed", "Closed");
        assertThat(screens.history()).extracting(ScreenEvent::seq).isSorted().doesNotHaveDuplicates();
        assertThat(screen.displays()).satisfiesExactly(
                loading -> assertThat(loading).isEqualTo(new Displayed(loading.seq(), Duration.ZERO, "weather #1", Kind.LOADING,
                        "Loading…", "MAIN", true)),
                content -> assertThat(content).isEqualTo(new Displayed(content.seq(), Duration.ofSeconds(1), "weather #1",
                        Kind.CONTENT, "21°C", "MAIN", true)));
        assertThat(screen.lastDisplayed()).map(Displayed::text).contains("21°C");
        assertThat(sim.violations()).isEmpty();
    }

    @Test
    @DisplayName("a display off MAIN is recorded with its lane and reported to the Main Thread Checker")
    void offMainIsRecordedAndAViolation(Simulation sim, SimScreens screens) {
        ScreenHandle<TestScreen> screen = screens.open("weather", view -> new TestScreen(view, new ArrayList<>(), sim));
        screen.act("taps refresh", s -> sim.lane("delegate-queue").execute("the answer", () -> s.view.showError("Offline")));

        assertThat(screen.lastDisplayed()).get().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Kind.ERROR);
            assertThat(d.lane()).isEqualTo("delegate-queue");
            assertThat(d.onMain()).isFalse();
        });
        assertThat(sim.violations(Violation.Kind.MAIN_THREAD_CHECKER)).singleElement().extracting(Violation::message).asString()
                .contains("ScreenView.showError(...) of weather #1");
    }

    @Test
    @DisplayName("a display after the close, even from inside close(), is recorded as on a closed screen, and the timeline flags it")
    void displaysOnAClosedScreenAreFlagged(Simulation sim, SimScreens screens) {
        List<Consumer<String>> late = new ArrayList<>();
        ScreenHandle<Screen> screen = screens.open("weather", view -> new Screen() {
            @Override
            public void open() {
                late.add(view::show);
            }

            @Override
            public void close() {
                view.showError("cancelled");
            }
        });
        screen.close();
        sim.runOnMain("a late answer", () -> late.get(0).accept("21°C"));

        assertThat(screen.displays()).extracting(Displayed::text, Displayed::screenOpen)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("cancelled", false), org.assertj.core.groups.Tuple.tuple("21°C", false));
        assertThat(sim.timeline().events()).filteredOn(e -> e.kind() == TimelineEvent.Kind.PROBLEM).extracting(TimelineEvent::text)
                .containsExactly("weather #1 is closed, yet shows error 'cancelled'", "weather #1 is closed, yet shows '21°C'");
    }

    @Test
    @DisplayName("nobody can act on or close a closed screen, and the user acts only on MAIN")
    void actionsNeedAnOpenScreenAndMain(Simulation sim, SimScreens screens) {
        ScreenHandle<TestScreen> screen = screens.open("weather", view -> new TestScreen(view, new ArrayList<>(), sim));
        sim.lane("worker").execute("acts off main", () -> screen.act("taps refresh", s -> { }));
        sim.runCurrent();
        assertThat(sim.takeUncaughtExceptions()).singleElement().asString().contains("The user acts on the main thread");

        screen.close();
        assertThatThrownBy(() -> screen.act("taps refresh", s -> { })).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("it is closed");
        assertThatThrownBy(screen::close).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("a close scheduled on MAIN runs at its instant, racing the other lanes; screens opened inside a MAIN task open inline")
    void scheduledActionsRunInline(Simulation sim, SimScreens screens) {
        List<ScreenHandle<TestScreen>> opened = new ArrayList<>();
        List<String> calls = new ArrayList<>();
        sim.main().schedule(Duration.ofSeconds(1), "opens", () -> opened.add(screens.open("weather", view -> new TestScreen(view, calls, sim))));
        sim.main().schedule(Duration.ofSeconds(2), "closes", () -> opened.get(0).close());
        sim.runUntilIdle();

        assertThat(screens.history()).extracting(ScreenEvent::at).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(2));
        assertThat(calls).containsExactly("open on MAIN", "close on MAIN");
    }

    @Test
    @DisplayName("retention: a closed screen an app-wide list still holds is retained; one nothing holds is not")
    void retainedClosedScreens(Simulation sim, SimScreens screens) {
        ScreenHandle<TestScreen> forgotten = screens.open("registered", view -> {
            TestScreen created = new TestScreen(view, new ArrayList<>(), sim);
            APP_WIDE_LISTENERS.add(created);
            return created;
        });
        ScreenHandle<TestScreen> released = screens.open("released", view -> new TestScreen(view, new ArrayList<>(), sim));
        ScreenHandle<TestScreen> stillOpen = screens.open("open", view -> new TestScreen(view, new ArrayList<>(), sim));
        forgotten.close();
        released.close();

        assertThat(screens.retained()).as("closed screens still held").containsExactly("registered #1");
        assertThat(forgotten.isRetained()).isTrue();
        assertThat(released.isRetained()).isFalse();
        assertThatThrownBy(stillOpen::isRetained).isInstanceOf(IllegalStateException.class).hasMessageContaining("is not closed");

        APP_WIDE_LISTENERS.clear();
        assertThat(screens.retained()).as("once the list let go").isEmpty();
    }

    @Test
    @DisplayName("retention: a task still scheduled whose closure holds the closed screen retains it until it has run")
    void aPendingClosureRetainsTheScreen(Simulation sim, SimScreens screens) {
        ScreenHandle<TestScreen> screen = screens.open("weather", view -> {
            TestScreen created = new TestScreen(view, new ArrayList<>(), sim);
            sim.lane("network").schedule(Duration.ofSeconds(3), "the answer's callback", () -> created.view.show("late"));
            return created;
        });
        sim.advanceTo(Duration.ofSeconds(1));
        screen.close();

        assertThat(screen.isRetained()).as("closed at 1 s, the callback due at 3 s still holds it").isTrue();
        sim.runUntilIdle();
        assertThat(screen.isRetained()).as("after the callback ran").isFalse();
        assertThat(screen.lastDisplayed()).get().extracting(Displayed::screenOpen).isEqualTo(false);
        sim.takeUncaughtExceptions();
    }

    @Test
    @DisplayName("retention gives the same answers 20 times in a row")
    void retentionIsStable(Simulation sim, SimScreens screens) {
        ScreenHandle<TestScreen> held = screens.open("registered", view -> {
            TestScreen created = new TestScreen(view, new ArrayList<>(), sim);
            APP_WIDE_LISTENERS.add(created);
            return created;
        });
        ScreenHandle<TestScreen> released = screens.open("released", view -> new TestScreen(view, new ArrayList<>(), sim));
        held.close();
        released.close();
        for (int run = 1; run <= 20; run++) {
            assertThat(screens.retained()).as("check %d", run).containsExactly("registered #1");
        }
    }
}
