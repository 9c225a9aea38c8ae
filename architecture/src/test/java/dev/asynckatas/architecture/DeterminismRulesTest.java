package dev.asynckatas.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.time.Clock;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.Timer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The rules that keep every test deterministic, in the kit, the solutions and the kata tests: no sleeping, no
 * reading the wall clock, no raw threads or timers, no async stage that escapes to the JDK's common pool.
 * The real face of the kit ({@code dev.asynckatas.kit.real}) is the one place allowed real time and threads, with two
 * exceptions for the model checker ({@code dev.asynckatas.kit.races}), one class each: its threads, every step of
 * which the checker schedules, and its time limit, which guards the grader's hang limit and decides no verdict.
 */
class DeterminismRulesTest {

    private static final String REAL_FACE = "dev.asynckatas.kit.real..";
    /** The grader's one reader of real time: when a grading run started and how long it took, for instructors' reports. */
    private static final String GRADER_WALL_CLOCK = "dev.asynckatas.kit.grading.WallClock";
    /** The model checker's threads: a Thread subclass whose every run the checker schedules step by step. */
    private static final String MODEL_THREAD = "dev.asynckatas.kit.races.ModelThread";
    /** The model checker's time limit: ends an exploration early, never decides a verdict. */
    private static final String RACE_BUDGET = "dev.asynckatas.kit.races.Budget";
    private static JavaClasses classes;
    /** {@link Offender}: breaks every rule once, to prove the rules are not vacuous. */
    private static JavaClasses offender;
    /** {@link dev.asynckatas.kit.races.OffenderBesideTheModelChecker}: the exceptions are two classes, not a package. */
    private static JavaClasses offenderBesideTheModelChecker;

    @BeforeAll
    static void importClasses() {
        classes = CompiledClasses.kitAndSolutionsAndTests();
        offender = new com.tngtech.archunit.core.importer.ClassFileImporter().importClasses(Offender.class);
        offenderBesideTheModelChecker = new com.tngtech.archunit.core.importer.ClassFileImporter()
                .importClasses(dev.asynckatas.kit.races.OffenderBesideTheModelChecker.class);
    }

    /** The rule holds for the repository, and catches the offender. */
    private static void holdsAndHasTeeth(ArchRule rule) {
        rule.check(classes);
        assertThatThrownBy(() -> rule.check(offender)).as("the rule catches a class that breaks it")
                .hasMessageContaining(Offender.class.getName());
    }

    /** ... and catches a class beside the model checker's exceptions, in their package. */
    private static void holdsAndHasTeethBesideTheModelChecker(ArchRule rule) {
        holdsAndHasTeeth(rule);
        assertThatThrownBy(() -> rule.check(offenderBesideTheModelChecker)).as("the exception is one class, not its package")
                .hasMessageContaining(dev.asynckatas.kit.races.OffenderBesideTheModelChecker.class.getName());
    }

    @Test
    @DisplayName("nobody sleeps: waiting is for virtual time, futures, latches and Awaitility")
    void nobodySleeps() {
        holdsAndHasTeeth(noClasses().should().callMethod(Thread.class, "sleep", long.class)
                .orShould().callMethod(Thread.class, "sleep", long.class, int.class)
                .orShould().callMethod(Thread.class, "sleep", java.time.Duration.class)
                .orShould().callMethodWhere(named("sleep").and(ownedBy(java.util.concurrent.TimeUnit.class)))
                .because("a sleeping test is slow and flaky; the simulation's clock moves when the test says so"));
    }

    @Test
    @DisplayName("nobody reads the wall clock, except the kit's real face, the grader's report of durations and the model checker's time limit")
    void nobodyReadsTheWallClock() {
        holdsAndHasTeethBesideTheModelChecker(noClasses().that().resideOutsideOfPackage(REAL_FACE)
                .and().doNotHaveFullyQualifiedName(GRADER_WALL_CLOCK)
                .and().doNotHaveFullyQualifiedName(RACE_BUDGET)
                .should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().accessTargetWhere(clockReference())
                .orShould().callMethod(Instant.class, "now")
                .orShould().callMethodWhere(named("now").and(ownedBy(LocalDateTime.class).or(ownedBy(LocalDate.class))
                        .or(ownedBy(ZonedDateTime.class))))
                .orShould().callMethodWhere(named("system").or(named("systemUTC")).or(named("systemDefaultZone"))
                        .and(ownedBy(Clock.class).or(ownedBy(InstantSource.class))))
                .because("time in tests is the simulation's virtual clock (an InstantSource), so every run sees the same instants"));
    }

    @Test
    @DisplayName("nobody starts a raw thread or a java.util.Timer, except the kit's real face and the model checker's threads")
    void noRawThreadsOrTimers() {
        holdsAndHasTeethBesideTheModelChecker(noClasses().that().resideOutsideOfPackage(REAL_FACE)
                .and().doNotHaveFullyQualifiedName(MODEL_THREAD)
                .should().callConstructorWhere(ownedByConstructor(Thread.class))
                .orShould().dependOnClassesThat().areAssignableTo(Timer.class)
                .because("work runs on executors the test controls: the simulation's lanes, or the real face's main thread"));
    }

    @Test
    @DisplayName("no async stage without an explicit executor, and no common pool")
    void noAsyncStageWithoutAnExecutor() {
        holdsAndHasTeeth(noClasses().should().callMethodWhere(asyncStageWithoutExecutor())
                .orShould().callMethod(ForkJoinPool.class, "commonPool")
                .because("without an executor, *Async stages run on the JDK's common pool, outside the simulation and the test's control"));
    }

    /** {@code System::nanoTime} as a method reference: a clock read that is not a call. */
    private static DescribedPredicate<com.tngtech.archunit.core.domain.JavaAccess<?>> clockReference() {
        return DescribedPredicate.describe("a reference to System.nanoTime or System.currentTimeMillis",
                access -> access.getTargetOwner().isEquivalentTo(System.class)
                        && (access.getName().equals("nanoTime") || access.getName().equals("currentTimeMillis")));
    }

    private static DescribedPredicate<JavaCall<?>> named(String name) {
        return DescribedPredicate.describe("named " + name, call -> call.getName().equals(name));
    }

    private static DescribedPredicate<JavaCall<?>> ownedBy(Class<?> owner) {
        return DescribedPredicate.describe("owned by " + owner.getSimpleName(), call -> call.getTargetOwner().isEquivalentTo(owner));
    }

    private static DescribedPredicate<com.tngtech.archunit.core.domain.JavaConstructorCall> ownedByConstructor(Class<?> owner) {
        return DescribedPredicate.describe("a constructor of " + owner.getSimpleName(),
                call -> call.getTargetOwner().isEquivalentTo(owner));
    }

    /** {@code thenApplyAsync(fn)}, {@code supplyAsync(supplier)}...: the variants that take no Executor, on a JDK future. */
    private static DescribedPredicate<JavaCall<?>> asyncStageWithoutExecutor() {
        return DescribedPredicate.describe("a CompletableFuture *Async method without an Executor", call -> {
            if (!call.getTargetOwner().isAssignableTo(CompletableFuture.class) || !call.getName().endsWith("Async")) {
                return false;
            }
            if (call.getTargetOwner().isAssignableTo(dev.asynckatas.kit.sim.SimFuture.class)) {
                return false; // the simulation's future: its default executor is the simulation itself
            }
            return call.getTarget().getParameterTypes().stream().noneMatch(type -> type.toErasure().isAssignableTo(Executor.class));
        });
    }
}
