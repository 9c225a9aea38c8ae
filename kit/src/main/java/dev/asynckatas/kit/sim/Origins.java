package dev.asynckatas.kit.sim;

import java.security.CodeSource;
import java.util.Objects;

/**
 * Finds the code that scheduled a task: the first frame on the stack that belongs neither to the JDK nor to
 * the kit. When there is none (a JDK future completing a stage on a lane, say), the task is described as a
 * continuation of the task that is running.
 */
final class Origins {

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final CodeSource KIT = Simulation.class.getProtectionDomain().getCodeSource();
    private static final ClassValue<Boolean> PLATFORM = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            String name = type.getName();
            if (name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("sun.")) {
                return true;
            }
            CodeSource source = type.getProtectionDomain().getCodeSource();
            return source != null && KIT != null && Objects.equals(source.getLocation(), KIT.getLocation());
        }
    };

    private Origins() {
    }

    static String of(Simulation sim) {
        String found = WALKER.walk(frames -> frames
                .takeWhile(frame -> !(frame.getDeclaringClass() == Simulation.class && frame.getMethodName().equals("runTask")))
                .filter(frame -> !PLATFORM.get(frame.getDeclaringClass()))
                .findFirst()
                .map(frame -> frame.getDeclaringClass().getSimpleName() + "." + readable(frame.getMethodName())
                        + "(" + frame.getFileName() + ":" + frame.getLineNumber() + ")")
                .orElse(null));
        if (found != null) {
            return found;
        }
        return sim.currentTask() == null ? "the test" : "continuation of " + sim.currentTask().label();
    }

    /** {@code lambda$placeOrder$0} reads as {@code placeOrder}. */
    private static String readable(String method) {
        if (method.startsWith("lambda$")) {
            int end = method.indexOf('$', "lambda$".length());
            return method.substring("lambda$".length(), end < 0 ? method.length() : end);
        }
        return method;
    }
}
