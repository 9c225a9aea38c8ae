package dev.asynckatas.kit.grading;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import dev.asynckatas.kit.races.RaceCheck;
import dev.asynckatas.kit.sim.Advisories;
import dev.asynckatas.kit.timeline.Redaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The test JVM: runs a kata's tests against one or more variants of its code, each in a class loader of its own,
 * and reports every event to the grader through a file ({@link TestEvents}). The grader starts it, one per kata,
 * so that whatever the code under test does — loop for ever, wait for ever, call {@code System.exit} — the grader
 * survives, reports it, and goes on.
 *
 * <p>A test that runs longer than the hang limit is described (where the learner's code was stuck, and what it was
 * doing) and this JVM ends at once: a spinning thread cannot be stopped in Java, so the kata's later tests do not
 * run. A call to {@code System.exit} is reported by a shutdown hook, with the place it was called from.
 *
 * <p>Arguments: {@code EVENTS-FILE HANG-LIMIT-MILLIS VARIANTS-FILE ROOT}.
 */
public final class TestJvm {

    /** Exit status when a test hung (the grader knows it from the events; this is for whoever reads the process). */
    static final int HUNG = 3;

    private final TestEvents.Writer events;
    private final long hangLimitMillis;
    private final Path root;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
            task -> Thread.ofPlatform().name("katas-watchdog").daemon().unstarted(task));
    private volatile LearnerCode learner = new LearnerCode(Path.of("."), List.of());
    private volatile String runningTest = "";
    private volatile boolean over;
    private ScheduledFuture<?> alarm;
    /** How every request runs the tests. */
    private final Map<String, String> configuration;

    private TestJvm(TestEvents.Writer events, long hangLimitMillis, Path root) {
        this.events = events;
        this.hangLimitMillis = hangLimitMillis;
        this.root = root;
        // The watchdog bounds every test; JUnit's own timeout would run tests on another thread and let a spinning one go
        // on behind the next test.
        this.configuration = Map.of("junit.jupiter.execution.timeout.mode", "disabled",
                "jqwik.database", root.resolve("target/grading/jqwik-database").toString());
    }

    public static void main(String[] args) {
        // the race checker sizes its time guard from it (RaceCheck.defaultTimeLimit)
        System.setProperty(RaceCheck.HANG_LIMIT_PROPERTY, args[1]);
        TestJvm jvm = new TestJvm(new TestEvents.Writer(Path.of(args[0])), Long.parseLong(args[1]), Path.of(args[3]).toAbsolutePath().normalize());
        jvm.run(VariantSpec.read(Path.of(args[2])));
        // Halt, not exit: threads the code under test left running must not keep this JVM alive, and the shutdown hook
        // that reports System.exit has nothing to report.
        Runtime.getRuntime().halt(0);
    }

    private void run(List<VariantSpec> variants) {
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("katas-exit-report").unstarted(this::reportExit));
        Set<String> advised = ConcurrentHashMap.newKeySet();
        Advisories.listen((kind, what) -> learner.firstIn(Thread.currentThread().getStackTrace()).ifPresent(where -> {
            if (advised.add(kind + " " + where)) {
                events.advice(kind.name(), where, what);
            }
        }));
        Launcher launcher = LauncherFactory.create();
        for (VariantSpec variant : variants) {
            runVariant(launcher, variant);
        }
        over = true;
    }

    private void runVariant(Launcher launcher, VariantSpec variant) {
        events.variant(variant.name());
        learner = new LearnerCode(root, variant.mainSources());
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader("kata-" + variant.name(), urls(variant.classpath()), TestJvm.class.getClassLoader())) {
            Thread.currentThread().setContextClassLoader(loader);
            List<ClassSelector> classes = testClasses(variant.testClasses(), loader);
            if (variant.untilCaught()) {
                // One test at a time, the quick classes first, until one fails: the rest are reported as not run.
                TestJvmListener listener = new TestJvmListener(events, this);
                TestPlan plan = launcher.discover(request(classes));
                for (TestIdentifier test : testMethods(plan)) {
                    launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectUniqueId(test.getUniqueIdObject()))
                            .configurationParameters(configuration).build(), listener);
                    if (listener.anyFailed()) {
                        break;
                    }
                }
                listener.reportNotRun(plan, "not run: the proof stops a wrong fix at its first failing test");
            } else {
                launcher.execute(request(classes), new TestJvmListener(events, this));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        events.done(variant.name());
    }

    /** The test methods of a plan (a parameterized test or a property counts once), in the plan's order. */
    private static List<TestIdentifier> testMethods(TestPlan plan) {
        List<TestIdentifier> methods = new ArrayList<>();
        plan.getRoots().forEach(root -> plan.getDescendants(root).forEach(id -> {
            boolean isMethod = id.getSource().filter(MethodSource.class::isInstance).isPresent();
            boolean parentIsMethod = plan.getParent(id).flatMap(TestIdentifier::getSource).filter(MethodSource.class::isInstance).isPresent();
            if (isMethod && !parentIsMethod) {
                methods.add(id);
            }
        }));
        return methods;
    }

    private LauncherDiscoveryRequest request(List<ClassSelector> classes) {
        return LauncherDiscoveryRequestBuilder.request().selectors(classes).configurationParameters(configuration).build();
    }

    /**
     * Every top-level class in the tests' folder (the engines pick the ones that hold tests): scenario tests first, then
     * properties, then tests on real threads and sockets, which cost the most.
     */
    private static List<ClassSelector> testClasses(Path folder, ClassLoader loader) {
        List<ClassSelector> selectors = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().contains("$")).sorted().toList()) {
                String relative = folder.relativize(file).toString().replace('\\', '/');
                String name = relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
                if (!name.endsWith("package-info")) {
                    selectors.add(selectClass(Class.forName(name, false, loader)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("a test class could not be loaded: " + e, e);
        }
        selectors.sort(java.util.Comparator.comparingInt(TestJvm::cost));
        return selectors;
    }

    private static int cost(ClassSelector test) {
        String name = test.getClassName();
        if (name.contains("Integration") || name.contains("Real") || name.contains("Race") || name.contains("Facts")) {
            return 2;
        }
        return name.endsWith("Properties") ? 1 : 0;
    }

    private static URL[] urls(List<Path> paths) {
        try {
            List<URL> urls = new ArrayList<>();
            for (Path path : paths) {
                urls.add(path.toUri().toURL());
            }
            return urls.toArray(URL[]::new);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    // ------------------------------------------------------------------ the watchdog, called by the listener

    synchronized void testStarted(String key, Thread thread) {
        testFinished();
        runningTest = key;
        alarm = watchdog.schedule(() -> hang(key, thread), hangLimitMillis, TimeUnit.MILLISECONDS);
    }

    synchronized void testFinished() {
        if (alarm != null) {
            alarm.cancel(false);
            alarm = null;
        }
    }

    private void hang(String key, Thread thread) {
        StuckThread.Description stuck = StuckThread.hung(thread, learner);
        events.hung(key, stuck.where(), Redaction.redact(stuck.report() + "\n(The test ran for more than " + hangLimitMillis / 1000
                + " s, the grader's limit for one test.)"));
        over = true;
        Runtime.getRuntime().halt(HUNG);
    }

    private void reportExit() {
        if (over) {
            return;
        }
        StuckThread.exiting(learner).ifPresentOrElse(
                exit -> events.exited(runningTest, exit.where(), exit.doing() + ".\n\n" + exit.report()),
                () -> events.exited(runningTest, "", "The test JVM was asked to stop (a signal, or an exit nobody called from the tests)."));
    }
}
