package dev.asynckatas.kit.races;

import dev.asynckatas.kit.sim.TimelineReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jetbrains.lincheck.Lincheck;
import org.jetbrains.lincheck.LincheckAssertionError;

/**
 * Explores the interleavings of a few real threads <em>inside</em> methods, where the simulation cannot look: the
 * simulation runs each task whole, so a window between two statements (check a flag, then store a handle; read a
 * counter, then write it back; store an id on one thread, read it on another) is invisible to it. A model checker
 * (Lincheck) runs the threads for real but decides, statement by statement, which one goes next, and tries the
 * schedules most likely to break things first (few switches, at the reads and writes of shared fields, locks and
 * waits). A failure comes with the interleaving that caused it, threads side by side.
 *
 * <pre>{@code
 * @Test
 * @CatchesBug(Bugs.LOST_CANCEL)
 * void aCancelDuringTheDispatchStopsTheRequest() {
 *     RaceCheck.of(() -> new CancelHandle(new FakeNetwork()))          // a fresh state for every interleaving
 *             .thread("dispatch", handle -> handle.start())             // each thread: what it does with the state
 *             .thread("user cancels", handle -> handle.cancel())
 *             .invariant("A cancelled call leaves no request running: the cancel came between the check and the store",
 *                     handle -> !handle.isCancelled() || handle.network().running() == 0)
 *             .check();                                                 // explores; throws RaceFound on a failure
 * }
 * }</pre>
 *
 * <h2>What it guarantees</h2>
 * <ul>
 *   <li><b>Deterministic.</b> Lincheck's model checker seeds its exploration with constants (its
 *       {@code ModelCheckingStrategy} uses {@code Random(0)}; nothing is configurable or random here), so the same code
 *       gives the same verdict at the same interleaving, drawn the same way, on every run (the kit's tests check this
 *       run after run). The budget is a number of interleavings ({@link #interleavings}, default {@value #DEFAULT_INTERLEAVINGS}); the time limit
 *       ({@link #timeLimit}, default 5 s, half the grader's hang limit when longer) is only a guard for the grader's hang limit on a loaded machine: it ends an
 *       exploration early, never fails it.</li>
 *   <li><b>The pitfalls are closed.</b> The threads are started in the only shape the checker explores (a
 *       {@code Thread} subclass that holds the state in its own field, started and joined through {@code Thread}),
 *       the state's classes are prepared even when the supplier is a constructor reference ({@code Handle::new}), and
 *       code loaded by a class loader of its own (the grader's one loader per variant) is checked as itself.</li>
 *   <li><b>Readable.</b> The failure's message is the invariant's sentence (or the thread that threw); the
 *       interleaving is attached as a {@link TimelineReport}, so the scorecard and the HTML report show it as they
 *       show the simulation's timelines.</li>
 * </ul>
 *
 * <h2>Writing one</h2>
 * <ul>
 *   <li>Two or three threads, each a few calls: the checker's cost grows with every shared access. The state is built
 *       on the test's thread before the threads start, once per interleaving: keep it small and free of real I/O
 *       (the simulated {@code HttpClient} and the simulation belong to other tests; a plain fake is right here). When
 *       building it runs the code under test, build it {@linkplain #stateOutsideTheModel() outside the model}.</li>
 *   <li>No file operations in the threads: the checker refuses every one (even {@code Path.resolve}, {@code equals}
 *       or {@code toString} of a {@code Path}) with "File operations are not supported in Lincheck", or fails inside
 *       itself. Code that saves files needs a fake of its disk for these tests; make the {@code Path}s it passes
 *       around before the check, and call none of their methods in it.</li>
 *   <li>A thread may wait for another with the JDK's primitives ({@code CountDownLatch}, {@code synchronized},
 *       {@code wait}/{@code notify}, locks, futures): the checker controls them, and a deadlock is reported as a
 *       failure, not a hang.</li>
 *   <li>Code under test may start threads of its own (an executor it dispatches on): the checker explores them too
 *       and draws each in a column of its own ("Thread 3"). They must end before the check's threads do (shut the
 *       executor down and await it), or the check reports that the threads never finished, after a long wait.</li>
 *   <li>One invariant per bug, each with the learner's sentence. A predicate, not AssertJ: the checker calls
 *       {@code equals} on the objects it meets, which AssertJ's assertion objects refuse.</li>
 *   <li>The checker assumes sequential consistency: it finds windows (an order of steps that breaks the code), not
 *       missing {@code volatile} (a stale value a weaker memory model would allow). Say so in the lesson.</li>
 *   <li>Cost: Lincheck instruments the classes a check uses when the check starts and restores them when it ends, a
 *       fixed cost per check (a few hundred milliseconds idle, more for the first check of a JVM), then each
 *       interleaving costs milliseconds. A failure found early costs little; a correct variant pays for the whole
 *       budget. Checks never run in parallel (Lincheck holds a JVM-wide lock).</li>
 *   <li>The test JVM needs {@code -XX:+EnableDynamicAgentLoading} only to keep the output clean (the checker attaches
 *       its agent at run time; without the flag the JVM prints a warning). The root pom sets it for Surefire, the
 *       grader for its test JVMs. {@code -Xshare:off} also hides the JVM's "Sharing is only supported for boot loader
 *       classes" line (the checker adds a jar to the boot class path).</li>
 * </ul>
 *
 * @param <S> the state the threads share: usually the object under test with its fakes
 */
public final class RaceCheck<S> {

    /**
     * The checker tries few switches first, so the window of two or three short threads shows within the first tens of
     * interleavings (the kit's three examples: at the 6th); a correct variant then costs the whole budget. Measured on
     * the repository's 2-core machine at a load of 2 to 4: a race found in 0.5 to 0.8 s, a fix checked in 0.7 to 2.4 s,
     * and the first check of a JVM 4 to 5 s more (the checker's agent attaches and instruments the JDK's classes).
     */
    public static final int DEFAULT_INTERLEAVINGS = 100;
    /**
     * A guard that keeps a check under the grader's hang limit on a loaded machine; see {@link #timeLimit}. It counts
     * from the second interleaving: the first pays for instrumenting the classes (about 0.3 s on an idle machine).
     */
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(5);
    /**
     * The system property in which the grader's test JVM publishes its hang limit, in milliseconds. A check's default
     * time limit is half of it when that is longer than {@link #DEFAULT_TIME_LIMIT}: the proof, which runs three katas
     * on two JVMs each and allows 30 s, must not let a loaded machine end the exploration of a wrong fix before the
     * interleaving that catches it.
     */
    public static final String HANG_LIMIT_PROPERTY = "katas.hangLimitMillis";

    static {
        // Lincheck's warnings are about its own instrumentation (fields of lambdas it cannot read), not the learner's code.
        if (System.getProperty("lincheck.logLevel") == null) {
            System.setProperty("lincheck.logLevel", "error");
        }
    }

    record NamedBody<S>(String name, ThreadBody<? super S> body) {
    }

    /** {@code bug}: the bug this invariant reveals, in the learner's terms, or null for the test's own {@code @CatchesBug}. */
    record Invariant<S>(String sentence, Predicate<? super S> holds, String bug) {
    }

    /**
     * What a passing check explored.
     *
     * @param interleavings how many ran, none of which failed
     * @param exhaustive    the checker ran out of new interleavings before the budget did
     * @param cutShort      the time limit ended the exploration before the budget did
     * @param took          the wall time, instrumentation included
     */
    public record Explored(int interleavings, boolean exhaustive, boolean cutShort, Duration took) {
        @Override
        public String toString() {
            return interleavings + " interleavings" + (exhaustive ? " (every one the checker could find)" : "")
                    + (cutShort ? " (cut short by the time limit)" : "") + " in " + took.toMillis() + " ms";
        }
    }

    private final Supplier<? extends S> state;
    private final List<NamedBody<S>> threads = new ArrayList<>();
    private final List<Invariant<S>> invariants = new ArrayList<>();
    private int interleavings = DEFAULT_INTERLEAVINGS;
    private Duration timeLimit = defaultTimeLimit();
    private boolean stateOutsideTheModel;

    private RaceCheck(Supplier<? extends S> state) {
        this.state = state;
    }

    /**
     * Starts a check whose threads share the state {@code freshState} builds. It is called once per interleaving
     * (and once more before the exploration starts), on the test's thread, before the threads start.
     */
    public static <S> RaceCheck<S> of(Supplier<? extends S> freshState) {
        return new RaceCheck<>(Objects.requireNonNull(freshState, "freshState"));
    }

    /** Adds a thread, named as the lesson and the learner would name it ("dispatch", "user cancels"). */
    public RaceCheck<S> thread(String name, ThreadBody<? super S> body) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
        if (threads.stream().anyMatch(t -> t.name().equals(name))) {
            throw new IllegalArgumentException("two threads named '" + name + "': give each its own name, the report shows them side by side");
        }
        threads.add(new NamedBody<>(name, body));
        return this;
    }

    /**
     * Adds what must hold once every thread has finished, in every interleaving. {@code sentence} is the failure
     * message: say what the user would see, in the learner's terms.
     */
    public RaceCheck<S> invariant(String sentence, Predicate<? super S> holds) {
        invariants.add(new Invariant<>(Objects.requireNonNull(sentence, "sentence"), Objects.requireNonNull(holds, "holds"), null));
        return this;
    }

    /**
     * The same, for an invariant that reveals a bug of its own: when it breaks, the scorecard's "bug:" line shows
     * {@code bug} instead of the test's {@code @CatchesBug} sentence. A test that checks several invariants catches one
     * bug on the broken exercise, but a learner's fix may break another: the line then names the learner's bug, not
     * the broken version's.
     */
    public RaceCheck<S> invariant(String sentence, Predicate<? super S> holds, String bug) {
        invariants.add(new Invariant<>(Objects.requireNonNull(sentence, "sentence"), Objects.requireNonNull(holds, "holds"),
                Objects.requireNonNull(bug, "bug")));
        return this;
    }

    /**
     * Builds the state without the model checker watching: for a state made by running the code under test (an app
     * that starts an update, sends its requests, registers its callbacks), which one thread does before the others
     * start, so there is nothing to explore in it. Watched, every step of it costs time at every interleaving (kata
     * 04's update: about 150 ms an interleaving watched, 60 ms not, on a loaded machine), and the checker refuses the
     * file operations it may make. The objects it builds are shared with the threads as usual. It must start no
     * thread of its own: a thread started unwatched is not scheduled by the checker.
     */
    public RaceCheck<S> stateOutsideTheModel() {
        this.stateOutsideTheModel = true;
        return this;
    }

    /**
     * The most a whole check may take from its start, instrumentation included, under the grader: 60 % of its hang
     * limit (6 s when grading, 18 s when proving), or none outside the grader. The time limit counts from the second
     * interleaving, so on a loaded machine the first (the checker's agent attaching and instrumenting the JDK's
     * classes, seconds) could take a correct fix past the grader's limit, where it would be reported as hung: measured,
     * kata 06's reference at a load of 6 on the 2-core machine. Past this bound the check stops after the interleaving
     * that is running, as the time limit does.
     */
    static Duration wholeCheckLimit() {
        long hangLimitMillis = Long.getLong(HANG_LIMIT_PROPERTY, 0);
        return hangLimitMillis <= 0 ? null : Duration.ofMillis(hangLimitMillis * 6 / 10);
    }

    /** {@link #DEFAULT_TIME_LIMIT}, or half the grader's hang limit when that is longer. */
    static Duration defaultTimeLimit() {
        long hangLimitMillis = Long.getLong(HANG_LIMIT_PROPERTY, 0);
        Duration half = Duration.ofMillis(hangLimitMillis / 2);
        return half.compareTo(DEFAULT_TIME_LIMIT) > 0 ? half : DEFAULT_TIME_LIMIT;
    }

    /** The most interleavings to explore (the deterministic budget). */
    public RaceCheck<S> interleavings(int budget) {
        if (budget < 1) {
            throw new IllegalArgumentException("at least one interleaving");
        }
        this.interleavings = budget;
        return this;
    }

    /**
     * The most wall time to spend. Running out ends the exploration early: the interleavings explored so far passed,
     * so the check passes, and says so on standard error. The verdict stays deterministic as long as the budget of
     * interleavings, not the clock, is what ends a check: choose the budget so (a failure found at the n-th interleaving
     * is found on any machine that runs n interleavings within the limit).
     */
    public RaceCheck<S> timeLimit(Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("a time limit must be positive");
        }
        this.timeLimit = limit;
        return this;
    }

    /**
     * Explores the interleavings. Returns what it explored when every one passed.
     *
     * @throws RaceFound when an interleaving breaks an invariant, a thread throws, or the threads never finish
     */
    public Explored check() {
        if (threads.size() < 2) {
            throw new IllegalStateException("a race needs at least two threads; this check has " + threads.size());
        }
        if (invariants.isEmpty()) {
            throw new IllegalStateException("nothing to check: add an invariant");
        }
        long start = Budget.now();
        S warmUp = freshState();
        List<Class<?>> anchors = anchors(warmUp);
        VariantClassLoaders.prepare(anchors);
        Duration wholeCheck = wholeCheckLimit();
        Exploration<S> exploration = new Exploration<>(this, timeLimit, wholeCheck == null ? 0 : start + wholeCheck.toNanos(), warmUp);
        LincheckAssertionError report = null;
        Throwable crash = null;
        try {
            Lincheck.runConcurrentTest(interleavings, exploration);
        } catch (LincheckAssertionError failed) {
            report = failed;
        } catch (RuntimeException | Error checkerFailed) {
            crash = checkerFailed; // Lincheck rarely crashes while drawing the trace of a failure it found
        }
        Duration took = Budget.since(start);
        if (exploration.failure() == null && exploration.outOfTimeAt() > 0) {
            int explored = exploration.outOfTimeAt() - 1;
            System.err.println("[races] The time limit (" + timeLimit.toMillis() + " ms after the first interleaving"
                    + (wholeCheck == null ? "" : ", " + wholeCheck.toMillis() + " ms in all") + ") ended this check after " + explored + " of "
                    + interleavings + " interleavings, none of which failed: the machine is slow or the check is large.");
            return new Explored(explored, false, true, took);
        }
        if (report == null && crash == null) {
            return new Explored(exploration.runs(), exploration.runs() < interleavings, false, took);
        }
        throw found(exploration, report, crash, new OwnCode(anchors));
    }

    private RaceFound found(Exploration<S> exploration, LincheckAssertionError report, Throwable crash, OwnCode ownCode) {
        List<String> names = threads.stream().map(NamedBody::name).toList();
        AssertionError failure = exploration.failure();
        String trace = report == null ? "" : InterleavingReport.render(report.getMessage(), names,
                failure == null ? "the threads never finished" : firstLine(failure.getMessage()), ownCode);
        String message;
        Throwable cause;
        if (failure != null) {
            message = failure.getMessage() + " [one interleaving of the threads " + quoted(names) + " breaks this: found by the"
                    + " model checker at interleaving " + exploration.foundAt() + (trace.isEmpty() ? "" : ", shown below") + "]";
            cause = failure.getCause() != null ? failure.getCause() : failure;
        } else if (report != null) {
            message = "The threads " + quoted(names) + " never finished in one interleaving: a deadlock, or a thread waiting for"
                    + " something that never happens (" + InterleavingReport.headline(report.getMessage()) + ")";
            cause = null;
        } else {
            throw new IllegalStateException("The model checker failed before finding anything: " + crash, crash);
        }
        if (trace.isEmpty()) {
            trace = "The model checker found this failure but could not draw the interleaving (" + (crash == null ? "no trace" : crash)
                    + "). Run the test again in an IDE to step through it.";
        }
        String bug = failure instanceof Exploration.BrokenInvariant broken ? broken.bug() : null;
        RaceFound found = new RaceFound(message, cause, trace, exploration.foundAt(), bug);
        found.addSuppressed(new TimelineReport(trace));
        return found;
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("");
    }

    private static String quoted(List<String> names) {
        List<String> quoted = names.stream().map(n -> "'" + n + "'").toList();
        return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " and " + quoted.get(quoted.size() - 1);
    }

    /** The classes whose loaders hold the code under test: the state's and the test's (its lambdas'). */
    private List<Class<?>> anchors(S warmUp) {
        Set<Class<?>> anchors = new HashSet<>();
        if (warmUp != null) {
            anchors.add(warmUp.getClass());
        }
        anchors.add(state.getClass());
        threads.forEach(t -> anchors.add(t.body().getClass()));
        invariants.forEach(i -> anchors.add(i.holds().getClass()));
        return new ArrayList<>(anchors);
    }

    S freshState() {
        return stateOutsideTheModel ? OutsideTheModel.build(state) : state.get();
    }

    List<NamedBody<S>> threads() {
        return threads;
    }

    List<Invariant<S>> invariants() {
        return invariants;
    }
}
