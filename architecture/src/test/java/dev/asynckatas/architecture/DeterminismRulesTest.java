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
 * The real face of the kit ({@code dev.asynckatas.kit.real}) is the one place allowed real time and threads.
 */
class DeterminismRulesTest {

    private static final String REAL_FACE = "dev.asynckatas.kit.real..";
    /** The grader's one reader of real time: when a grading run started and how long it took, for instructors' reports. */
    private static final String GRADER_WALL_CLOCK = "dev.asynckatas.kit.grading.WallClock";
    private static JavaClasses classes;
    /** {@link Offender}: breaks every rule once, to prove the rules are not vacuous. */
    private static JavaClasses offender;

    @BeforeAll
    static void importClasses() {
        classes = CompiledClasses.kitAndSolutionsAndTests();
        offender = new com.tngtech.archunit.core.importer.ClassFileImporter().importClasses(Offender.class);
    }

    /** The rule holds for the repository, and catches the offender. */
    private static void holdsAndHasTeeth(ArchRule rule) {
        rule.check(classes);
        assertThatThrownBy(() -> rule.check(offender)).as("the rule catches a class that breaks it")
                .hasMessageContaining(Offender.class.getName());
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
    @DisplayName("nobody reads the wall clock, except the kit's real face and the grader's report of durations")
    void nobodyReadsTheWallClock() {
        holdsAndHasTeeth(noClasses().that().resideOutsideOfPackage(REAL_FACE).and().doNotHaveFullyQualifiedName(GRADER_WALL_CLOCK)
                .should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(Instant.class, "now")
                .orShould().callMethodWhere(named("now").and(ownedBy(LocalDateTime.class).or(ownedBy(LocalDate.class))
                        .or(ownedBy(ZonedDateTime.class))))
                .orShould().callMethodWhere(named("system").or(named("systemUTC")).or(named("systemDefaultZone"))
                        .and(ownedBy(Clock.class).or(ownedBy(InstantSource.class))))
                .because("time in tests is the simulation's virtual clock (an InstantSource), so every run sees the same instants"));
    }

    @Test
    @DisplayName("nobody starts a raw thread or a java.util.Timer, except the kit's real face")
    void noRawThreadsOrTimers() {
        holdsAndHasTeeth(noClasses().that().resideOutsideOfPackage(REAL_FACE)
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
