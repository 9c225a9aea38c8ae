package dev.asynckatas.kit.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The fingerprint of an exercise's broken code: the SHA-256 of every file under {@code src/main/java}, kept
 * in {@code pristine.sha256} in the {@code sha256sum} format. Line endings are normalised first, so a
 * checkout on Windows is still pristine.
 *
 * <p>It tells the proof whether it is looking at the broken version as committed (then the tests must have
 * teeth) or at a learner's work (then it reports progress instead of failing).
 */
final class Pristine {

    static final String FILE = "pristine.sha256";

    private final Path exercise;

    Pristine(Path exercise) {
        this.exercise = exercise;
    }

    boolean isRecorded() {
        return Files.isRegularFile(exercise.resolve(FILE));
    }

    /** Whether the exercise's code is the broken version as committed. */
    boolean isPristine() {
        return isRecorded() && changedFiles().isEmpty();
    }

    /** The files that differ from the recorded fingerprint (added, removed or changed); empty when pristine. */
    List<String> changedFiles() {
        Map<String, String> recorded = recorded();
        Map<String, String> current = current();
        List<String> changed = new ArrayList<>();
        for (String file : current.keySet()) {
            if (!Objects.equals(recorded.get(file), current.get(file))) {
                changed.add(file);
            }
        }
        for (String file : recorded.keySet()) {
            if (!current.containsKey(file)) {
                changed.add(file + " (deleted)");
            }
        }
        return changed;
    }

    /** Records the current sources as the pristine broken version. */
    void record() {
        StringBuilder text = new StringBuilder();
        current().forEach((file, hash) -> text.append(hash).append("  ").append(file).append('\n'));
        try {
            Files.writeString(exercise.resolve(FILE), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, String> recorded() {
        Map<String, String> hashes = new TreeMap<>();
        try {
            for (String line : Files.readAllLines(exercise.resolve(FILE), StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    String[] parts = line.strip().split("\\s+", 2);
                    hashes.put(parts[1], parts[0]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hashes;
    }

    private Map<String, String> current() {
        Map<String, String> hashes = new TreeMap<>();
        Path sources = exercise.resolve("src/main/java");
        if (!Files.isDirectory(sources)) {
            return hashes;
        }
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String relative = exercise.relativize(file).toString().replace('\\', '/');
                hashes.put(relative, sha256(Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hashes;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
