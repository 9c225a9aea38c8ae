package dev.asynckatas.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The compiled classes the rules look at, straight from the modules' target folders: the kit (main and tests),
 * and every solution (its main classes, and the kata's tests as compiled against it). Exercises' main classes
 * are left out on purpose: a broken exercise may contain the very mistake it teaches.
 */
final class CompiledClasses {

    private static final Path ROOT = Path.of(System.getProperty("katas.root", "..")).toAbsolutePath().normalize();

    private CompiledClasses() {
    }

    static JavaClasses kitAndSolutionsAndTests() {
        List<Path> folders = new ArrayList<>(List.of(ROOT.resolve("kit/target/classes"), ROOT.resolve("kit/target/test-classes")));
        for (Path solution : solutions()) {
            folders.add(solution.resolve("target/classes"));
            folders.add(solution.resolve("target/test-classes"));
        }
        return importFolders(folders);
    }

    /** The kata code learners are shown as correct: every solution's main classes. */
    static JavaClasses solutionsMain() {
        return importFolders(solutions().stream().map(s -> s.resolve("target/classes")).toList());
    }

    private static List<Path> solutions() {
        try (Stream<Path> entries = Files.list(ROOT.resolve("solutions"))) {
            return entries.filter(p -> Files.isRegularFile(p.resolve("pom.xml"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JavaClasses importFolders(List<Path> folders) {
        for (Path folder : folders) {
            // A module without tests has no test-classes folder; a module without main classes was not built.
            if (!Files.isDirectory(folder) && !folder.endsWith("test-classes")) {
                throw new IllegalStateException(folder + " does not exist: build the whole repository (mvn verify at the root)"
                        + " so that every module is compiled before the architecture rules run.");
            }
        }
        return new ClassFileImporter().importPaths(folders.stream().filter(Files::isDirectory).toList());
    }
}
