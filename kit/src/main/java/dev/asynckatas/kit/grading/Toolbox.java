package dev.asynckatas.kit.grading;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What grading and proving share: the repository's root, the libraries every kata compiles and runs against (the
 * kit, JUnit, jqwik, AssertJ, ...), and the hang limit.
 *
 * @param root      the repository's root
 * @param libraries the class path of the kit and the test libraries, without any exercise's own build output
 * @param hangLimit how long one test may run before it counts as hung
 */
record Toolbox(Path root, List<String> libraries, Duration hangLimit) {

    /** The libraries this JVM was started with (Maven gives the grader an exercise's test class path). */
    static Toolbox fromThisJvm(Path root, Duration hangLimit) {
        Path exercises = root.resolve("exercises");
        List<String> libraries = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank() && !Path.of(entry).toAbsolutePath().normalize().startsWith(exercises))
                .toList();
        return new Toolbox(root, libraries, hangLimit);
    }

    List<Path> libraryPaths() {
        return libraries.stream().map(Path::of).toList();
    }

    TestJvmLauncher launcher() {
        return new TestJvmLauncher(root, libraries, hangLimit);
    }

    /** The log of a kata's test JVMs: whatever the tests and the code under test print. */
    Path logOf(String kata) {
        return root.resolve("target/grading/logs").resolve(kata + ".log");
    }
}
