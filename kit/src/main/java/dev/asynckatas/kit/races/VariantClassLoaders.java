package dev.asynckatas.kit.races;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Lets Lincheck check code loaded by a class loader of its own, as the grader does: one {@code URLClassLoader} per
 * variant of a kata (the exercise, the solution, each wrong fix), all under the application class loader that holds
 * the kit and Lincheck.
 *
 * <p>Lincheck 3.7 knows classes by name, JVM-wide, in two places (measured; see the kit's tests):
 * <ul>
 *   <li>{@code ClassCache} resolves a name with {@code Class.forName} from Lincheck's own loader, which cannot see a
 *       variant's classes: the check crashes with {@code ClassNotFoundException} (or finds a stale class of the
 *       same name, loaded for an earlier variant).</li>
 *   <li>The class-file transformer caches the instrumented bytes by class name: the second variant's {@code Handle}
 *       is run with the first variant's code. A race in a wrong fix checked after the solution is silently missed.</li>
 * </ul>
 * Before each check this class points the first at the variant's own classes and drops the second's entries for
 * them. It reaches into Lincheck's internals by reflection, so the dependency is pinned; if a new version moves
 * them, every check under a variant's loader fails with one clear sentence instead of a wrong verdict.
 * Code loaded by the kit's own class loader (Surefire, an IDE) needs none of this.
 */
final class VariantClassLoaders {

    private static final String CLASS_CACHE = "org.jetbrains.lincheck.util.ClassCache";
    private static final String TRANSFORMER = "org.jetbrains.lincheck.jvm.agent.LincheckClassFileTransformer";

    private VariantClassLoaders() {
    }

    /** Prepares Lincheck for the classes of every variant loader among the {@code anchors}' loaders. */
    static void prepare(Collection<Class<?>> anchors) {
        ClassLoader kit = VariantClassLoaders.class.getClassLoader();
        Map<String, Class<?>> classes = new LinkedHashMap<>();
        for (Class<?> anchor : anchors) {
            ClassLoader loader = anchor.getClassLoader();
            for (ClassLoader variant : variantLoaders(loader, kit)) {
                for (String name : classNamesIn(variant)) {
                    classes.computeIfAbsent(name, n -> load(n, loader));
                }
            }
            if (!variantLoaders(loader, kit).isEmpty()) {
                classes.putIfAbsent(anchor.getName(), anchor); // a loader that cannot list its classes: at least these
            }
        }
        classes.values().removeIf(java.util.Objects::isNull);
        if (!classes.isEmpty()) {
            pointLincheckAt(classes);
        }
    }

    /** The loaders between {@code loader} and the kit's loader (excluded), child first: none when they are the same. */
    static List<ClassLoader> variantLoaders(ClassLoader loader, ClassLoader kit) {
        List<ClassLoader> variants = new ArrayList<>();
        for (ClassLoader current = loader; current != null && !isKitOrAbove(current, kit); current = current.getParent()) {
            variants.add(current);
        }
        return variants;
    }

    private static boolean isKitOrAbove(ClassLoader candidate, ClassLoader kit) {
        for (ClassLoader current = kit; current != null; current = current.getParent()) {
            if (current == candidate) {
                return true;
            }
        }
        return false;
    }

    private static List<String> classNamesIn(ClassLoader loader) {
        if (!(loader instanceof URLClassLoader urls)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (URL url : urls.getURLs()) {
            if (!"file".equals(url.getProtocol())) {
                continue;
            }
            Path root = toPath(url);
            if (Files.isDirectory(root)) {
                try (Stream<Path> files = Files.walk(root)) {
                    files.filter(f -> f.toString().endsWith(".class"))
                            .forEach(f -> names.add(className(root.relativize(f).toString().replace(root.getFileSystem().getSeparator(), "/"))));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else if (Files.isRegularFile(root)) {
                try (JarFile jar = new JarFile(root.toFile())) {
                    for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                        String entry = entries.nextElement().getName();
                        if (entry.endsWith(".class") && !entry.startsWith("META-INF/")) {
                            names.add(className(entry));
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return names;
    }

    private static Path toPath(URL url) {
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a file URL: " + url, e);
        }
    }

    private static String className(String path) {
        return path.substring(0, path.length() - ".class".length()).replace('/', '.');
    }

    private static Class<?> load(String name, ClassLoader loader) {
        if (name.endsWith("module-info") || name.endsWith("package-info")) {
            return null;
        }
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError unloadable) {
            return null; // a class the code cannot load cannot be run either
        }
    }

    @SuppressWarnings("unchecked")
    private static void pointLincheckAt(Map<String, Class<?>> classes) {
        try {
            Field cacheField = Class.forName(CLASS_CACHE).getDeclaredField("cache");
            cacheField.setAccessible(true);
            Map<String, Class<?>> classCache = (Map<String, Class<?>>) cacheField.get(null);

            Class<?> transformerClass = Class.forName(TRANSFORMER);
            Object transformer = transformerClass.getField("INSTANCE").get(null);
            Field bytesField = transformerClass.getDeclaredField("transformedClassesCachesByMode");
            bytesField.setAccessible(true);
            Map<Object, Map<String, byte[]>> bytesByMode = (Map<Object, Map<String, byte[]>>) bytesField.get(transformer);

            classCache.putAll(classes);
            for (Map<String, byte[]> bytes : bytesByMode.values()) {
                bytes.keySet().removeAll(classes.keySet());
            }
        } catch (ReflectiveOperationException | RuntimeException changed) {
            throw new IllegalStateException("The model checker (Lincheck) changed its internals: the kit can no longer check code"
                    + " loaded by a class loader of its own (as the grader loads each variant of a kata). Pin Lincheck back to"
                    + " the version in the root pom.xml, or update dev.asynckatas.kit.races.VariantClassLoaders.", changed);
        }
    }
}
