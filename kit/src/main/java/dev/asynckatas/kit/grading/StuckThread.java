package dev.asynckatas.kit.grading;

import dev.asynckatas.kit.sim.Simulation;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Describes a thread that never finished, in the learner's terms: where in their code it was, and what it was
 * doing there — spinning, waiting on a future or a latch, blocked on a lock, or calling {@code System.exit}.
 */
final class StuckThread {

    /**
     * @param where  the learner's file and line (or the test's, when their code is not on the stack)
     * @param doing  what the thread was doing there, in one sentence
     * @param report the full description: the sentence, the stacks, and the simulation's timeline when there is one
     */
    record Description(String where, String doing, String report) {
    }

    private static final int FRAMES = 25;

    private StuckThread() {
    }

    /** A test thread that ran past the hang limit. */
    static Description hung(Thread thread, LearnerCode learner) {
        ThreadInfo info = ManagementFactory.getThreadMXBean().getThreadInfo(new long[] {thread.threadId()}, true, true)[0];
        StackTraceElement[] stack = info == null ? thread.getStackTrace() : info.getStackTrace();
        String where = learner.firstIn(stack).orElse(firstTestFrame(stack));
        String doing = info == null ? "it never finished" : doing(info, stack, learner);
        StringBuilder report = new StringBuilder(doing).append(".\n\n").append(stackOf(thread.getName(), stack));
        otherThreadsInLearnerCode(thread, learner).forEach((other, otherStack) ->
                report.append("\nAnother thread in your code at that moment:\n").append(stackOf(other.getName(), otherStack)));
        try {
            Simulation.drivenBy(thread).ifPresent(sim -> report.append("\nThe simulation it was running:\n").append(sim.describeStuck()));
        } catch (RuntimeException racing) {
            // The timeline is read while its thread may still change it: a best effort, never a reason to lose the report.
            report.append("\n(the simulation's timeline could not be read: ").append(racing).append(")\n");
        }
        return new Description(where, doing, report.toString());
    }

    /** The thread that called {@code System.exit} (or {@code Runtime.exit}), found from a shutdown hook. */
    static Optional<Description> exiting(LearnerCode learner) {
        for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
            StackTraceElement[] stack = entry.getValue();
            int exit = lastFrameOf(stack, "java.lang.Runtime", "exit");
            if (exit < 0) {
                continue;
            }
            StackTraceElement[] caller = Arrays.copyOfRange(stack, exit + 1, stack.length);
            int system = lastFrameOf(caller, "java.lang.System", "exit");
            if (system >= 0) {
                caller = Arrays.copyOfRange(caller, system + 1, caller.length);
            }
            String where = learner.firstIn(caller).orElse(caller.length > 0 ? caller[0].toString() : "an unknown place");
            return Optional.of(new Description(where, "the code called System.exit, which ends the whole test JVM (and would end the app)",
                    stackOf(entry.getKey().getName(), caller)));
        }
        return Optional.empty();
    }

    private static String doing(ThreadInfo info, StackTraceElement[] stack, LearnerCode learner) {
        String called = calledFromLearnerCode(stack, learner).map(frame -> " in " + frame.getClassName()
                .substring(frame.getClassName().lastIndexOf('.') + 1) + "." + frame.getMethodName()).orElse("");
        return switch (info.getThreadState()) {
            case RUNNABLE -> "it kept running and never returned: a loop that never ends, or one that spins waiting for"
                    + " something that can only happen once it returns" + called;
            case BLOCKED -> "it was blocked" + called + " on the lock of " + info.getLockName()
                    + (info.getLockOwnerName() == null ? "" : ", held by thread \"" + info.getLockOwnerName() + "\"");
            case WAITING, TIMED_WAITING -> "it was waiting" + (called.isEmpty() && info.getLockName() != null
                    ? " on a " + simpleName(info.getLockName()) : called) + ", and nothing ever woke it";
            default -> "it never finished (" + info.getThreadState() + ")";
        };
    }

    /** {@code java.util.concurrent.CountDownLatch$Sync@1a2b} reads as {@code CountDownLatch}. */
    private static String simpleName(String lockName) {
        String type = lockName.replaceAll("@[0-9a-f]+$", "");
        type = type.substring(type.lastIndexOf('.') + 1);
        int dollar = type.indexOf('$');
        return dollar < 0 ? type : type.substring(0, dollar);
    }

    /** The JDK or library call the learner's code made: the frame just inside their innermost frame. */
    private static Optional<StackTraceElement> calledFromLearnerCode(StackTraceElement[] stack, LearnerCode learner) {
        for (int i = 1; i < stack.length; i++) {
            if (learner.locate(stack[i]).isPresent()) {
                return learner.locate(stack[i - 1]).isPresent() ? Optional.empty() : Optional.of(stack[i - 1]);
            }
        }
        return Optional.empty();
    }

    private static Map<Thread, StackTraceElement[]> otherThreadsInLearnerCode(Thread testThread, LearnerCode learner) {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey() != testThread && learner.firstIn(e.getValue()).isPresent())
                .limit(3)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static int lastFrameOf(StackTraceElement[] stack, String className, String method) {
        int found = -1;
        for (int i = 0; i < stack.length; i++) {
            if (stack[i].getClassName().equals(className) && stack[i].getMethodName().equals(method)) {
                found = i;
            }
        }
        return found;
    }

    private static String firstTestFrame(StackTraceElement[] stack) {
        return Arrays.stream(stack).filter(frame -> !isPlatform(frame.getClassName())).findFirst()
                .map(frame -> frame.getFileName() + ":" + frame.getLineNumber() + " (" + LearnerCode.readable(frame) + ")")
                .orElse("an unknown place");
    }

    private static boolean isPlatform(String className) {
        return className.startsWith("java.") || className.startsWith("jdk.") || className.startsWith("sun.")
                || className.startsWith("dev.asynckatas.kit.") || className.startsWith("org.junit.") || className.startsWith("net.jqwik.");
    }

    /** The stack down to the test framework (what is below it is the same for every test), at most {@value #FRAMES} frames. */
    private static String stackOf(String threadName, StackTraceElement[] stack) {
        StringBuilder out = new StringBuilder("\"").append(threadName).append("\"\n");
        int shown = 0;
        for (StackTraceElement frame : stack) {
            if (shown == FRAMES || frame.getClassName().startsWith("org.junit.") || frame.getClassName().startsWith("net.jqwik.")) {
                return out.append("\t...\n").toString();
            }
            out.append("\tat ").append(frame.getClassName()).append('.').append(frame.getMethodName()).append('(')
                    .append(frame.getFileName()).append(':').append(frame.getLineNumber()).append(")\n");
            shown++;
        }
        return out.toString();
    }
}
