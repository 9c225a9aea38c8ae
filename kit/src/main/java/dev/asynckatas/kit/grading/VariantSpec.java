package dev.asynckatas.kit.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One version of a kata's code to run the kata's tests against, as the test JVM needs it: the learner's code when
 * grading; the pristine exercise, the solution, or a catalogue entry when proving.
 *
 * @param name        what reports call it: the kata when grading, {@code solution} or {@code wrong-fixes/<slug>} when proving
 * @param classpath   the directories of its compiled code, given code, tests and test resources (on top of the kit and libraries)
 * @param testClasses the directory whose classes are the tests to run
 * @param mainSources the source folders of the code under test (not the given code): a stack frame there is "your code"
 * @param untilCaught stop at the first test class with a failure (a wrong fix of the catalogue: one catch proves it red,
 *                    and the tests after it would only cost time); the tests not run are reported as such
 */
record VariantSpec(String name, List<Path> classpath, Path testClasses, List<Path> mainSources, boolean untilCaught) {

    VariantSpec(String name, List<Path> classpath, Path testClasses, List<Path> mainSources) {
        this(name, classpath, testClasses, mainSources, false);
    }

    private static final String SEPARATOR = "\u001f";

    static void write(Path file, List<VariantSpec> variants) {
        List<String> lines = new ArrayList<>();
        for (VariantSpec v : variants) {
            lines.add(String.join("\t", v.name, join(v.classpath), v.testClasses.toString(), join(v.mainSources), Boolean.toString(v.untilCaught)));
        }
        try {
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<VariantSpec> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank()).map(line -> {
                String[] f = line.split("\t", -1);
                return new VariantSpec(f[0], split(f[1]), Path.of(f[2]), split(f[3]), Boolean.parseBoolean(f[4]));
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String join(List<Path> paths) {
        return String.join(SEPARATOR, paths.stream().map(Path::toString).toList());
    }

    private static List<Path> split(String text) {
        return text.isEmpty() ? List.of() : Arrays.stream(text.split(SEPARATOR)).map(Path::of).toList();
    }
}
