package dev.asynckatas.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.asynckatas.architecture.fakekata.ReachesIntoTheSimulation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What kata code may depend on: the JDK (including its HTTP server, {@code com.sun.net.httpserver}), the kit's
 * platform interfaces and its own kata.
 */
class KataBoundariesTest {

    @Test
    @DisplayName("kata code uses only the JDK, dev.asynckatas.platform and its own kata: it runs on either face, on its own")
    void kataCodeUsesOnlyTheJdkThePlatformAndItsOwnKata() {
        JavaClasses solutions = CompiledClasses.solutionsMain();
        for (String kata : packagesOf(solutions)) {
            staysInItsLane(kata).check(solutions);
        }
    }

    @Test
    @DisplayName("the boundary rule catches a kata class that uses the simulation")
    void theBoundaryRuleHasTeeth() {
        JavaClasses fake = new ClassFileImporter().importClasses(ReachesIntoTheSimulation.class);
        assertThatThrownBy(() -> staysInItsLane(ReachesIntoTheSimulation.class.getPackageName()).check(fake))
                .hasMessageContaining("dev.asynckatas.kit.sim.Simulation");
    }

    private static ArchRule staysInItsLane(String kata) {
        return classes().that().resideInAPackage(kata)
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax..", "com.sun.net.httpserver..", "dev.asynckatas.platform..", kata + "..")
                .because("kata code must run unchanged on the simulation (tests) and the real face (demos), without the kit's"
                        + " simulation or another kata");
    }

    private static java.util.List<String> packagesOf(JavaClasses classes) {
        return classes.stream().map(JavaClass::getPackageName).distinct().sorted().toList();
    }
}
