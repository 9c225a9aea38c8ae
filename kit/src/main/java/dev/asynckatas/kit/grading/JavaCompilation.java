package dev.asynckatas.kit.grading;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a kata's sources in this JVM with the JDK's compiler, into a fresh folder every time (no class of an earlier
 * build can linger), and reports the first error as a learner reads it: the file from the repository's root, the
 * line, the compiler's message, and the line of code with a caret.
 */
final class JavaCompilation {

    private JavaCompilation() {
    }

    /**
     * Compiles the {@code .java} files of {@code sourceRoots}; where two roots hold a file at the same relative path,
     * the later root's wins (a catalogue entry's file over the solution's).
     *
     * @return the first error, or empty when it compiled
     */
    static Optional<String> compile(List<Path> sourceRoots, List<Path> classpath, Path output, Path root) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("This Java runtime has no compiler (javax.tools): the grader needs a JDK, not a JRE.");
        }
        recreate(output);
        List<File> sources = new ArrayList<>(sourcesOf(sourceRoots).values());
        if (sources.isEmpty()) {
            return Optional.empty();
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", "21", "-encoding", "UTF-8", "-g", "-proc:none", "-nowarn", "-Xlint:none",
                    "-d", output.toString(), "-classpath", String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()));
            StringWriter noise = new StringWriter();
            boolean ok = compiler.getTask(noise, files, diagnostics, options, null, files.getJavaFileObjectsFromFiles(sources)).call();
            if (ok) {
                return Optional.empty();
            }
            return Optional.of(diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR).findFirst()
                    .map(d -> describe(d, root)).orElse("the compiler failed: " + noise.toString().strip()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code .java} files by path relative to their root; a later root replaces an earlier root's file. */
    static Map<String, File> sourcesOf(List<Path> sourceRoots) {
        Map<String, File> sources = new LinkedHashMap<>();
        for (Path sourceRoot : sourceRoots) {
            if (!Files.isDirectory(sourceRoot)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(sourceRoot)) {
                walk.filter(f -> f.toString().endsWith(".java")).sorted().forEach(f ->
                        sources.put(sourceRoot.relativize(f).toString().replace('\\', '/'), f.toFile()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sources;
    }

    private static String describe(Diagnostic<? extends JavaFileObject> error, Path root) {
        String file = error.getSource() == null ? "" : displayPath(Path.of(error.getSource().toUri()), root);
        StringBuilder text = new StringBuilder(file).append(':').append(error.getLineNumber()).append(": ")
                .append(error.getMessage(Locale.ROOT));
        if (error.getSource() != null && error.getLineNumber() > 0) {
            try {
                List<String> lines = Files.readAllLines(Path.of(error.getSource().toUri()), StandardCharsets.UTF_8);
                String line = lines.get((int) error.getLineNumber() - 1);
                text.append('\n').append(line.stripTrailing());
                if (error.getColumnNumber() > 0) {
                    text.append('\n').append(" ".repeat((int) error.getColumnNumber() - 1)).append('^');
                }
            } catch (IOException | IndexOutOfBoundsException unreadable) {
                // The message alone still says what is wrong.
            }
        }
        return text.toString();
    }

    private static String displayPath(Path file, Path root) {
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(root) ? root.relativize(absolute).toString().replace('\\', '/') : absolute.toString();
    }

    static void recreate(Path folder) {
        deleteRecursively(folder);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
