package dev.asynckatas.kit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that a test catches a bug of the kata's broken exercise, in one sentence a learner understands:
 * {@code @CatchesBug("never ends the background task when the request finishes")}.
 *
 * <p>The proof ({@code mvn verify}) requires every test marked so to fail on the pristine exercise, and every
 * test not marked so to pass on it. The scorecard ({@code mvn test -Pgrade}) shows the sentence next to the
 * test while it fails.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CatchesBug {

    /** The bug, in one sentence, in the learner's terms. */
    String value();
}
