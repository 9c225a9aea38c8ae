package dev.asynckatas.kit.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asynckatas.kit.junit.SimulationTest;
import dev.asynckatas.kit.sim.Simulation;
import dev.asynckatas.kit.sim.Violation;
import dev.asynckatas.platform.Application;
import dev.asynckatas.platform.Application.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@SimulationTest
@DisplayName("Simulated navigator: what the user was shown, from where, and when")
class SimNavigatorTest {

    @Test
    @DisplayName("records each screen with its time, lane and the app's state")
    void recordsLaneAndAppState(Simulation sim, SimNavigator navigator, SimApplication app) {
        sim.main().schedule(Duration.ofSeconds(1), "shows the receipt", () -> navigator.show("receipt"));
        sim.runUntilIdle();
        app.beginBackgroundTask("keeps the app alive", () -> { });
        app.enterBackground();
        sim.main().execute("shows the error", () -> navigator.showError("Offline", () -> { }));
        sim.runCurrent();

        assertThat(navigator.shown()).satisfiesExactly(
                receipt -> {
                    assertThat(receipt.kind()).isEqualTo(SimNavigator.Shown.Kind.SCREEN);
                    assertThat(receipt.what()).isEqualTo("receipt");
                    assertThat(receipt.at()).isEqualTo(Duration.ofSeconds(1));
                    assertThat(receipt.lane()).isEqualTo("MAIN");
                    assertThat(receipt.appState()).isEqualTo(State.ACTIVE);
                    assertThat(receipt.inFrontOfTheUser()).isTrue();
                },
                error -> {
                    assertThat(error.kind()).isEqualTo(SimNavigator.Shown.Kind.ERROR);
                    assertThat(error.appState()).isEqualTo(State.BACKGROUND);
                    assertThat(error.inFrontOfTheUser()).isFalse();
                });
        assertThat(navigator.screens()).hasSize(1);
        assertThat(navigator.errors()).hasSize(1);
        assertThat(sim.violations()).isEmpty();
    }

    @Test
    @DisplayName("shown during willEnterForeground: the state says BACKGROUND, but the user is coming back and sees it")
    void shownWhileComingBackIsInFrontOfTheUser(Simulation sim, SimNavigator navigator, SimApplication app) {
        app.addObserver(new Application.LifecycleObserver() {
            @Override
            public void willEnterForeground() {
                navigator.show("receipt");
            }
        });
        app.beginBackgroundTask("keeps the app alive", () -> { });
        app.enterBackground();
        sim.main().execute("shows the error in the background", () -> navigator.showError("Offline", () -> { }));
        sim.runCurrent();
        sim.advanceBy(Duration.ofSeconds(2));
        app.enterForeground();

        assertThat(navigator.shown()).satisfiesExactly(
                error -> {
                    assertThat(error.appState()).isEqualTo(State.BACKGROUND);
                    assertThat(error.enteringForeground()).isFalse();
                    assertThat(error.inFrontOfTheUser()).isFalse();
                },
                receipt -> {
                    assertThat(receipt.appState()).isEqualTo(State.BACKGROUND);
                    assertThat(receipt.enteringForeground()).isTrue();
                    assertThat(receipt.inFrontOfTheUser()).isTrue();
                    assertThat(receipt.toString()).contains("willEnterForeground");
                });
    }

    @Test
    @DisplayName("showing a screen off MAIN is recorded with its lane and as a MAIN_THREAD_CHECKER violation")
    void offMainIsAViolation(Simulation sim, SimNavigator navigator) {
        sim.lane("network").execute("shows the receipt from the network lane", () -> navigator.show("receipt"));

        sim.runCurrent();

        assertThat(navigator.screens()).singleElement().extracting(SimNavigator.Shown::lane).isEqualTo("network");
        assertThat(sim.violations(Violation.Kind.MAIN_THREAD_CHECKER)).singleElement()
                .extracting(Violation::message).asString().contains("Navigator.show");
    }

    @Test
    @DisplayName("tapTryAgain runs the error's retry on MAIN, once")
    void tapTryAgainRunsTheRetryOnMain(Simulation sim, SimNavigator navigator, SimMainThread main) {
        List<String> retries = new ArrayList<>();
        sim.lane("network").execute("fails", () -> main.execute(() ->
                navigator.showError("Offline", () -> retries.add("retry on main: " + main.isCurrent()))));
        sim.runUntilIdle();

        navigator.tapTryAgain();

        assertThat(retries).containsExactly("retry on main: true");
        assertThatThrownBy(navigator::tapTryAgain).isInstanceOf(IllegalStateException.class);
    }
}
