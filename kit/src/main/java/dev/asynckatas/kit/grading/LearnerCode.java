package dev.asynckatas.kit.grading;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells which stack frames are the learner's code (compiled from the exercise's {@code src/main/java}, not the kit,
 * the JDK, the tests or the code the kata gives) and names them as a learner finds them: the file, from the
 * repository's root, and the line.
 */
final class LearnerCode {

    private final Path root;
    private final List<Path> sourceRoots;
    private final Map<String, Optional<Path>> files = new ConcurrentHashMap<>();

    LearnerCode(Path root, List<Path> sourceRoots) {
        this.root = root;
        this.sourceRoots = List.copyOf(sourceRoots);
    }

    /** {@code exercises/01-background-task/src/main/java/.../CheckoutScreen.java:42}, when the frame is the learner's. */
    Optional<String> locate(StackTraceElement frame) {
        if (frame.getFileName() == null) {
            return Optional.empty();
        }
        String className = frame.getClassName();
        int dollar = className.indexOf('$');
        String topLevel = dollar < 0 ? className : className.substring(0, dollar);
        int dot = topLevel.lastIndexOf('.');
        String folder = dot < 0 ? "" : topLevel.substring(0, dot).replace('.', '/');
        Optional<Path> file = files.computeIfAbsent(folder + "/" + frame.getFileName(), relative -> sourceRoots.stream()
                .map(sources -> sources.resolve(relative)).filter(Files::isRegularFile).findFirst());
        return file.map(path -> display(path) + ":" + frame.getLineNumber());
    }

    /** The first of the learner's frames on a stack (the innermost call in their code). */
    Optional<String> firstIn(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            Optional<String> where = locate(frame);
            if (where.isPresent()) {
                return where.map(place -> place + " (" + readable(frame) + ")");
            }
        }
        return Optional.empty();
    }

    private String display(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(root) ? root.relativize(absolute).toString().replace('\\', '/') : absolute.toString();
    }

    /** {@code CheckoutScreen.placeOrder}, with a lambda's name read as the method it is written in. */
    static String readable(StackTraceElement frame) {
        String className = frame.getClassName();
        String simple = className.substring(className.lastIndexOf('.') + 1);
        int dollar = simple.indexOf('$');
        String method = frame.getMethodName();
        if (method.startsWith("lambda$")) {
            int end = method.indexOf('$', "lambda$".length());
            method = method.substring("lambda$".length(), end < 0 ? method.length() : end);
        }
        return (dollar < 0 ? simple : simple.substring(0, dollar)) + "." + method;
    }
}
