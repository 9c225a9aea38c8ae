package dev.asynckatas.kit.grading;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hygiene warnings on the learner's code: things that are wrong in async code whether or not a test notices them.
 * Calls are found in the compiled classes (ArchUnit); blocking the main thread and busy waiting are seen while the
 * tests run (the simulation reports them). They are shown beside the scorecard, never counted as failures.
 */
final class Hygiene {

    /** What each kind of advice means, in the lesson's terms. */
    static final Map<String, String> WHY = Map.of(
            "SLEEPS", "sleeping waits a fixed time and hopes the work is done by then: it hides a race instead of waiting"
                    + " for the callback or future that says so",
            "EXITS", "System.exit ends the whole app (an iOS app never quits itself) and, here, the test run",
            "BUSY_WAIT", "a loop that polls a flag or the clock keeps its thread busy, so the work it waits for (a timer, a"
                    + " callback on that same thread) can never run",
            "BLOCKS_MAIN", "the main thread draws the screen and handles taps: while it waits, the app is frozen (iOS kills an"
                    + " app whose main thread stops answering)");

    private record Rule(String kind, String owner, Set<String> methods, String what) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule("SLEEPS", "java.lang.Thread", Set.of("sleep"), "calls Thread.sleep"),
            new Rule("SLEEPS", "java.util.concurrent.TimeUnit", Set.of("sleep"), "calls TimeUnit.sleep"),
            new Rule("EXITS", "java.lang.System", Set.of("exit"), "calls System.exit"),
            new Rule("EXITS", "java.lang.Runtime", Set.of("exit", "halt"), "calls Runtime.exit"),
            new Rule("BUSY_WAIT", "java.lang.Thread", Set.of("onSpinWait", "yield"), "spins (Thread.onSpinWait or Thread.yield)"));

    private Hygiene() {
    }

    /** The calls in the compiled learner code that deserve a warning. */
    static List<VariantRun.Advice> inCompiledCode(Path classes, LearnerCode learner) {
        JavaClasses imported = new ClassFileImporter().importPath(classes);
        Set<VariantRun.Advice> advice = new LinkedHashSet<>();
        for (JavaClass type : imported) {
            for (JavaMethodCall call : type.getMethodCallsFromSelf()) {
                for (Rule rule : RULES) {
                    if (call.getTargetOwner().getName().equals(rule.owner()) && rule.methods().contains(call.getName())) {
                        StackTraceElement frame = new StackTraceElement(type.getName(), call.getOrigin().getName(),
                                call.getSourceCodeLocation().getSourceFileName(), call.getLineNumber());
                        learner.locate(frame).ifPresent(where -> advice.add(new VariantRun.Advice(rule.kind(), where + " ("
                                + LearnerCode.readable(frame) + ")", rule.what())));
                    }
                }
            }
        }
        return new ArrayList<>(advice);
    }
}
