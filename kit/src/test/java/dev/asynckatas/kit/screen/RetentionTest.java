package dev.asynckatas.kit.screen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Retention: whether something still holds an object, the same answer every time")
class RetentionTest {

    /** Long-lived, like an app-wide service's listener list. */
    private static final List<Object> LONG_LIVED = new ArrayList<>();

    @Test
    @DisplayName("an object nothing holds is never reported held: 20 checks in a row")
    void freedObjectsAreNeverHeld() {
        Retention retention = Retention.systemGc();
        for (int run = 1; run <= 20; run++) {
            assertThat(retention.stillHeld(referenceToUnheldObject())).as("check %d of an object nothing holds", run).isFalse();
        }
    }

    @Test
    @DisplayName("an object a long-lived list holds is always reported held, 20 checks in a row; freed once removed")
    void heldObjectsAreAlwaysHeld() {
        Retention retention = Retention.systemGc();
        WeakReference<Object> held = referenceToObjectHeldBy(LONG_LIVED);
        try {
            for (int run = 1; run <= 20; run++) {
                assertThat(retention.stillHeld(held)).as("check %d of an object a long-lived list holds", run).isTrue();
            }
        } finally {
            LONG_LIVED.clear();
        }
        assertThat(retention.stillHeld(held)).as("the same object once the list let go of it").isFalse();
    }

    @Test
    @DisplayName("several objects in one collection: each gets its own answer")
    void severalAtOnce() {
        WeakReference<Object> held = referenceToObjectHeldBy(LONG_LIVED);
        try {
            assertThat(Retention.systemGc().stillHeld(List.of(referenceToUnheldObject(), held, referenceToUnheldObject())))
                    .containsExactly(false, true, false);
        } finally {
            LONG_LIVED.clear();
        }
    }

    @Test
    @DisplayName("a JVM whose collections free nothing: it says it cannot tell, never that the object is held")
    void noCollectionMeansNoVerdict() {
        Retention ignoresGc = new Retention(() -> { });
        assertThatThrownBy(() -> ignoresGc.stillHeld(referenceToUnheldObject())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Cannot tell").hasMessageContaining("DisableExplicitGC");
        assertThat(ignoresGc.stillHeld(List.of())).as("nothing to check needs no collection").isEmpty();
    }

    @Test
    @DisplayName("on a JVM started with -XX:+DisableExplicitGC: it says it cannot tell, it reports no leak")
    void disabledExplicitGcIsDetected() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(java, "-XX:+DisableExplicitGC", "-cp", System.getProperty("java.class.path"),
                RetentionProbe.class.getName()).redirectErrorStream(true).start();
        try {
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).as("the probe JVM finished within 20 s").isTrue();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(output).as("what the probe JVM said").contains("cannot tell: Cannot tell whether a closed screen");
        } finally {
            child.destroyForcibly();
        }
    }

    /** Made in a frame of its own, so that no local of the test holds the object. */
    private static WeakReference<Object> referenceToUnheldObject() {
        return new WeakReference<>(new Object());
    }

    private static WeakReference<Object> referenceToObjectHeldBy(List<Object> holder) {
        Object object = new Object();
        holder.add(object);
        return new WeakReference<>(object);
    }

    /** Runs a check in a child JVM, and prints its answer. */
    static final class RetentionProbe {
        public static void main(String[] args) {
            try {
                System.out.println("answer: " + Retention.systemGc().stillHeld(referenceToUnheldObject()));
            } catch (IllegalStateException cannotTell) {
                System.out.println("cannot tell: " + cannotTell.getMessage());
            }
        }
    }
}
