package dev.asynckatas.kit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class whose tests each get a fresh simulated platform: declare, as parameters of a test method (or of a
 * {@code @BeforeEach} method; constructor parameters would be shared by the whole class), any of {@code SimPlatform},
 * {@code Simulation}, {@code SimApplication}, {@code SimMainThread}, {@code SimNetwork}, {@code SimNavigator},
 * {@code SimScreens}.
 * When a test fails, its timeline is attached to the failure.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(SimulationExtension.class)
public @interface SimulationTest {
}
