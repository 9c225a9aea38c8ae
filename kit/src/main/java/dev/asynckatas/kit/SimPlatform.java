package dev.asynckatas.kit;

import dev.asynckatas.kit.app.SimApplication;
import dev.asynckatas.kit.app.SimMainThread;
import dev.asynckatas.kit.app.SimNavigator;
import dev.asynckatas.kit.http.SimNetwork;
import dev.asynckatas.kit.screen.SimScreens;
import dev.asynckatas.kit.sim.Simulation;

/**
 * One simulated platform: the simulation and everything that runs on it, sharing its clock and timeline.
 * The JUnit {@link dev.asynckatas.kit.junit.SimulationExtension} hands each test a fresh one, piece by piece.
 */
public final class SimPlatform {

    private final Simulation sim;
    private final SimMainThread main;
    private final SimApplication app;
    private final SimNetwork network;
    private final SimNavigator navigator;
    private final SimScreens screens;

    private SimPlatform(Simulation sim) {
        this.sim = sim;
        this.main = new SimMainThread(sim);
        this.app = new SimApplication(sim);
        this.network = new SimNetwork(sim);
        this.navigator = new SimNavigator(sim, app);
        this.screens = new SimScreens(sim);
    }

    /** A platform on a new simulation with the default settings. */
    public static SimPlatform create() {
        return on(Simulation.create());
    }

    /** A platform on the given simulation (a scripted schedule, for instance). */
    public static SimPlatform on(Simulation sim) {
        return new SimPlatform(sim);
    }

    public Simulation sim() {
        return sim;
    }

    public SimMainThread main() {
        return main;
    }

    public SimApplication app() {
        return app;
    }

    public SimNetwork network() {
        return network;
    }

    public SimNavigator navigator() {
        return navigator;
    }

    /** The screens the user opens and closes, and what they display. */
    public SimScreens screens() {
        return screens;
    }
}
