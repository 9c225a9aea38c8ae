package dev.asynckatas.kit.races;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Test;

/** How a check reports what it finds, and how it refuses a check that cannot find anything. */
@Timeout(RaceTests.TIMEOUT_SECONDS) // see RaceTests
class RaceCheckBehaviourTest {

    @Test
    @DisplayName("the state built by a plain lambda is checked as well as one built by a constructor reference")
    void lambdaSupplier() {
        RaceFound found = catchThrowableOfType(RaceFound.class, () -> UnsynchronisedCounterRace
                .twoDownloadsFinishTogether(() -> new UnsynchronisedCounterRace.PlainField()).check());
        assertThat(found).isNotNull();
    }

    @Test
    @DisplayName("the drawing names the threads as the test does, shows the switch and the failure, and hides the kit's machinery")
    void drawing() {
        RaceFound found = catchThrowableOfType(RaceFound.class, () -> UnsynchronisedCounterRace
                .twoDownloadsFinishTogether(UnsynchronisedCounterRace.PlainField::new).check());
        String drawing = found.interleaving();
        assertThat(drawing.lines().skip(1).findFirst().orElseThrow())
                .contains("step", "test thread", "download 1", "download 2");
        assertThat(drawing).contains("? switch", "! checks: Both finished downloads are");
        assertThat(drawing).as("both threads' steps").contains("| > reads finished: 0", "|   writes finished = 1");
        assertThat(drawing).doesNotContain("Lambda#", "ModelThread", "Exploration", "RaceCheck", "Detailed trace", "\u279C");
        assertThat(drawing.lines()).allMatch(line -> line.chars().allMatch(c -> c < 128), "plain ASCII");
    }

    @Test
    @DisplayName("a state built outside the model may run what the checker refuses (file paths), and the threads' race is still found")
    void stateOutsideTheModel() {
        final class Downloads {
            final java.nio.file.Path saved;
            int finished;

            Downloads() {
                saved = java.nio.file.Path.of("ads").resolve("a.png"); // a file operation, which the checker refuses to watch
            }

            void finished() {
                finished++;
            }
        }
        RaceFound watched = catchThrowableOfType(RaceFound.class, () -> RaceCheck.of(Downloads::new)
                .thread("download 1", Downloads::finished)
                .thread("download 2", Downloads::finished)
                .invariant("both downloads are counted", d -> d.finished == 2)
                .check());
        assertThat(watched).as("watched, the state's file path fails (the checker refuses file operations)").isNotNull();
        assertThat(watched.getMessage()).doesNotStartWith("both downloads are counted");

        RaceFound outside = catchThrowableOfType(RaceFound.class, () -> RaceCheck.of(Downloads::new)
                .stateOutsideTheModel()
                .thread("download 1", Downloads::finished)
                .thread("download 2", Downloads::finished)
                .invariant("both downloads are counted", d -> d.finished == 2)
                .check());
        assertThat(outside).as("built outside the model, the state is made, and the race in the threads is found").isNotNull();
        assertThat(outside.getMessage()).startsWith("both downloads are counted");
        assertThat(outside.interleaving()).contains("reads finished: 0", "writes finished = 1");
    }

    @Test
    @DisplayName("the drawing shows the steps of the test's own code however deep the JDK nests them, and hides the JDK's")
    void drawingOfADeepWindow() {
        final class Completions {
            final java.util.concurrent.CompletableFuture<String> a = new java.util.concurrent.CompletableFuture<>();
            final java.util.concurrent.CompletableFuture<String> b = new java.util.concurrent.CompletableFuture<>();
            int finished;

            Completions() {
                a.whenComplete((file, failure) -> finished++); // runs inside CompletableFuture.complete: deep in the JDK
                b.whenComplete((file, failure) -> finished++);
            }
        }
        RaceFound found = catchThrowableOfType(RaceFound.class, () -> RaceCheck.of(Completions::new)
                .thread("download 1", c -> c.a.complete("a.png"))
                .thread("download 2", c -> c.b.complete("b.png"))
                .invariant("both downloads are counted", c -> c.finished == 2)
                .check());
        assertThat(found).as("the race inside the completions is found").isNotNull();
        assertThat(found.interleaving()).as("the callbacks' steps, drawn under the calls they run in")
                .contains("reads finished: 0", "writes finished = 1", "complete(\"a.png\")")
                .doesNotContain("tryFire", "claim()", "stack ");
    }

    @Test
    @DisplayName("a thread that throws fails the check with the thread's name and what it threw")
    void threadThatThrows() {
        RaceFound found = catchThrowableOfType(RaceFound.class, () -> RaceCheck.of(UnsynchronisedCounterRace.Atomic::new)
                .thread("download 1", UnsynchronisedCounterRace.Counter::downloadFinished)
                .thread("download 2", c -> {
                    throw new IllegalStateException("the server answered 500");
                })
                .invariant("never reached", c -> true)
                .check());
        assertThat(found.getMessage()).startsWith("The thread 'download 2' failed in one interleaving: IllegalStateException: the server answered 500");
        assertThat(found.getCause()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("a race through an executor the code under test starts (and shuts down) is found")
    void raceThroughTheCodesOwnExecutor() {
        final class Dispatcher {
            private final java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
            private int delivered;

            void deliverOnPool() throws InterruptedException {
                pool.execute(() -> delivered++);
                pool.shutdown();
                pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
            }

            void deliverHere() {
                delivered++;
            }
        }
        RaceFound found = catchThrowableOfType(RaceFound.class, () -> RaceCheck.of(Dispatcher::new)
                .thread("network", Dispatcher::deliverOnPool)
                .thread("user", Dispatcher::deliverHere)
                .invariant("both deliveries are counted", d -> d.delivered == 2)
                .check());
        assertThat(found).as("the race between the pool's thread and the user's is found").isNotNull();
        assertThat(found.interleaving()).contains("Thread 3").doesNotContain(".java:");
    }

    @Test
    @DisplayName("threads that take two locks in opposite orders deadlock in one interleaving: reported, not hung")
    void deadlock() {
        record Locks(Object first, Object second) {
        }
        RaceFound found = catchThrowableOfType(RaceFound.class, () -> RaceCheck.of(() -> new Locks(new Object(), new Object()))
                .thread("upload", locks -> {
                    synchronized (locks.first()) {
                        synchronized (locks.second()) {
                            locks.hashCode();
                        }
                    }
                })
                .thread("cancel", locks -> {
                    synchronized (locks.second()) {
                        synchronized (locks.first()) {
                            locks.hashCode();
                        }
                    }
                })
                .invariant("both finish", locks -> true)
                .check());
        assertThat(found).as("the deadlock is found").isNotNull();
        assertThat(found.getMessage()).startsWith("The threads 'upload' and 'cancel' never finished in one interleaving");
    }

    @Test
    @DisplayName("the time limit ends an exploration early and the check passes, saying so")
    void timeLimit() {
        RaceCheck.Explored explored = UnsynchronisedCounterRace.twoDownloadsFinishTogether(UnsynchronisedCounterRace.Atomic::new)
                .timeLimit(Duration.ofNanos(1))
                .check();
        assertThat(explored.cutShort()).isTrue();
        assertThat(explored.interleavings()).isLessThan(RaceCheck.DEFAULT_INTERLEAVINGS);
    }

    @Test
    @DisplayName("a check that cannot find a race is refused with a sentence")
    void refusesChecksThatCannotFindAnything() {
        assertThatThrownBy(() -> RaceCheck.of(UnsynchronisedCounterRace.Atomic::new)
                .thread("download 1", UnsynchronisedCounterRace.Counter::downloadFinished)
                .invariant("counted", c -> c.finished() == 1).check())
                .hasMessageContaining("at least two threads");
        assertThatThrownBy(() -> RaceCheck.of(UnsynchronisedCounterRace.Atomic::new)
                .thread("download 1", UnsynchronisedCounterRace.Counter::downloadFinished)
                .thread("download 2", UnsynchronisedCounterRace.Counter::downloadFinished).check())
                .hasMessageContaining("nothing to check: add an invariant");
        assertThatThrownBy(() -> RaceCheck.of(UnsynchronisedCounterRace.Atomic::new)
                .thread("download", UnsynchronisedCounterRace.Counter::downloadFinished)
                .thread("download", UnsynchronisedCounterRace.Counter::downloadFinished))
                .hasMessageContaining("two threads named 'download'");
    }

    @Test
    @DisplayName("the time guard is 5 s, or half the grader's hang limit when that is longer, and a whole check stays within 60 % of the hang limit: a loaded proof explores the whole budget, a loaded grading never calls a correct fix hung")
    void timeGuardFollowsTheHangLimit() {
        String before = System.getProperty(RaceCheck.HANG_LIMIT_PROPERTY);
        try {
            System.clearProperty(RaceCheck.HANG_LIMIT_PROPERTY);
            assertThat(RaceCheck.defaultTimeLimit()).isEqualTo(Duration.ofSeconds(5));
            System.setProperty(RaceCheck.HANG_LIMIT_PROPERTY, "10000");
            assertThat(RaceCheck.defaultTimeLimit()).as("grading: 10 s").isEqualTo(Duration.ofSeconds(5));
            assertThat(RaceCheck.wholeCheckLimit()).as("grading: 10 s").isEqualTo(Duration.ofSeconds(6));
            System.setProperty(RaceCheck.HANG_LIMIT_PROPERTY, "30000");
            assertThat(RaceCheck.defaultTimeLimit()).as("proving: 30 s").isEqualTo(Duration.ofSeconds(15));
            assertThat(RaceCheck.wholeCheckLimit()).as("proving: 30 s").isEqualTo(Duration.ofSeconds(18));
            System.clearProperty(RaceCheck.HANG_LIMIT_PROPERTY);
            assertThat(RaceCheck.wholeCheckLimit()).as("outside the grader").isNull();
        } finally {
            if (before == null) {
                System.clearProperty(RaceCheck.HANG_LIMIT_PROPERTY);
            } else {
                System.setProperty(RaceCheck.HANG_LIMIT_PROPERTY, before);
            }
        }
    }

    @Test
    @DisplayName("an invariant that names its bug hands it to the grader with the failure; one that does not, leaves the test's own")
    void theBrokenInvariantNamesItsBug() {
        RaceFound named = catchThrowableOfType(RaceFound.class, () -> RaceCheck.of(UnsynchronisedCounterRace.PlainField::new)
                .thread("download 1", UnsynchronisedCounterRace.Counter::downloadFinished)
                .thread("download 2", UnsynchronisedCounterRace.Counter::downloadFinished)
                .invariant("Nothing is counted twice", c -> c.finished() <= 2, "counts a download twice")
                .invariant("Both finished downloads are counted", c -> c.finished() == 2, "bumps the count without a lock")
                .check());
        assertThat(named.bug()).contains("bumps the count without a lock");

        RaceFound unnamed = catchThrowableOfType(RaceFound.class, () -> UnsynchronisedCounterRace
                .twoDownloadsFinishTogether(UnsynchronisedCounterRace.PlainField::new).check());
        assertThat(unnamed.bug()).isEmpty();
    }
}
