package dev.asynckatas.kit.junit;

import dev.asynckatas.kit.SimPlatform;
import dev.asynckatas.kit.app.SimApplication;
import dev.asynckatas.kit.app.SimMainThread;
import dev.asynckatas.kit.app.SimNavigator;
import dev.asynckatas.kit.http.SimNetwork;
import dev.asynckatas.kit.screen.SimScreens;
import dev.asynckatas.kit.sim.SimulationError;
import dev.asynckatas.kit.sim.Simulation;
import dev.asynckatas.kit.sim.TimelineReport;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Hands each test a fresh {@link SimPlatform} (nothing is shared between tests), attaches the timeline to a
 * failing test, and after each test fails it when the simulation failed behind its back (a deadlock
 * swallowed by a future) or a task threw and nobody caught it.
 */
public final class SimulationExtension implements ParameterResolver, TestExecutionExceptionHandler, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SimulationExtension.class);

    private static final Map<Class<?>, Function<SimPlatform, Object>> PIECES = Map.of(
            SimPlatform.class, p -> p,
            Simulation.class, SimPlatform::sim,
            SimApplication.class, SimPlatform::app,
            SimMainThread.class, SimPlatform::main,
            SimNetwork.class, SimPlatform::network,
            SimNavigator.class, SimPlatform::navigator,
            SimScreens.class, SimPlatform::screens);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return PIECES.containsKey(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return PIECES.get(parameter.getParameter().getType()).apply(platform(context));
    }

    private static SimPlatform platform(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(SimPlatform.class, k -> SimPlatform.create(), SimPlatform.class);
    }

    private static SimPlatform existing(ExtensionContext context) {
        return context.getStore(NAMESPACE).get(SimPlatform.class, SimPlatform.class);
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        SimPlatform platform = existing(context);
        if (platform != null && TimelineReport.of(failure).isEmpty()) {
            failure.addSuppressed(new TimelineReport(platform.sim().timeline()));
        }
        throw failure;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        SimPlatform platform = existing(context);
        if (platform == null || context.getExecutionException().isPresent()) {
            return;
        }
        Simulation sim = platform.sim();
        if (sim.failure().isPresent()) {
            SimulationError swallowed = sim.failure().get();
            AssertionError error = new AssertionError("The simulation failed, though the code under test caught the error: "
                    + swallowed.getMessage(), swallowed);
            error.addSuppressed(new TimelineReport(sim.timeline()));
            throw error;
        }
        List<Throwable> uncaught = sim.uncaughtExceptions();
        if (!uncaught.isEmpty()) {
            AssertionError error = new AssertionError(uncaught.size() + " task(s) threw and nobody caught it; the first: "
                    + uncaught.get(0), uncaught.get(0));
            error.addSuppressed(new TimelineReport(sim.timeline()));
            throw error;
        }
    }
}
