package dev.asynckatas.kit.races;

import java.lang.reflect.Method;
import java.util.function.Supplier;

/**
 * Runs code on the test thread without the model checker watching it: no step of it is recorded, drawn or offered as a
 * place to switch threads, and the checker's interception of calls (which refuses every file operation) is off. For
 * building a state by running the code under test ({@link RaceCheck#stateOutsideTheModel()}): one thread builds it
 * before the others start, so there is nothing to explore, and watching it costs time at every interleaving.
 *
 * <p>Lincheck has no public way to say so; its own code uses the ignored sections of its runtime
 * ({@code sun.nio.ch.lincheck.Injections}), which exists on the boot class path once its agent is attached. Before
 * that (the warm-up state {@link RaceCheck} builds before the exploration) there is nothing to hide from.
 */
final class OutsideTheModel {

    private static final String INJECTIONS = "sun.nio.ch.lincheck.Injections";

    private OutsideTheModel() {
    }

    static <S> S build(Supplier<? extends S> state) {
        Method enter;
        Method leave;
        try {
            Class<?> injections = Class.forName(INJECTIONS, true, null);
            enter = injections.getMethod("enterIgnoredSection");
            leave = injections.getMethod("leaveIgnoredSection");
        } catch (ClassNotFoundException notAttached) {
            return state.get(); // the checker's agent is not attached yet: nothing watches
        } catch (NoSuchMethodException changed) {
            throw new IllegalStateException("this Lincheck has no ignored sections where the kit expects them (" + changed.getMessage()
                    + "): RaceCheck.stateOutsideTheModel() needs updating for it", changed);
        }
        invoke(enter);
        try {
            return state.get();
        } finally {
            invoke(leave);
        }
    }

    private static void invoke(Method method) {
        try {
            method.invoke(null);
        } catch (ReflectiveOperationException failed) {
            throw new IllegalStateException("could not " + method.getName() + " of the model checker", failed);
        }
    }
}
