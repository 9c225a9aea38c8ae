package dev.asynckatas.kit.races;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grader's shape: each variant of a kata (here a racy and a fixed {@code racefixture.Downloads}, the same class
 * names) compiled into its own directory with the kata's test, and run in this JVM through a {@code URLClassLoader}
 * of its own whose parent holds the kit and Lincheck. Without the kit's preparation Lincheck 3.7 crashes on such
 * code (it resolves classes by name from its own loader) or runs one variant's instrumented bytes for another (it
 * caches them by class name), so a race is missed or invented depending on the order the variants run in.
 */
@Timeout(RaceTests.TIMEOUT_SECONDS) // see RaceTests
class VariantClassLoadersTest {

    @TempDir
    static Path build;
    private static Path racy;
    private static Path fixed;

    @BeforeAll
    static void compileTheVariants() throws IOException {
        racy = compile("racy");
        fixed = compile("fixed");
    }

    @Test
    @DisplayName("each variant is checked as itself, in any order, on fresh loaders and on loaders used before")
    void eachVariantIsCheckedAsItself() throws Exception {
        URLClassLoader racyLoader = loaderOf(racy);
        URLClassLoader fixedLoader = loaderOf(fixed);
        List<String> verdicts = new ArrayList<>();
        verdicts.add(verdict(fixedLoader));
        verdicts.add(verdict(racyLoader));
        verdicts.add(verdict(loaderOf(fixed)));
        verdicts.add(verdict(racyLoader));
        verdicts.add(verdict(fixedLoader));
        verdicts.add(verdict(loaderOf(racy)));
        assertThat(verdicts).containsExactly("passed", "race found", "passed", "race found", "passed", "race found");
    }

    @Test
    @DisplayName("the loaders between a class and the kit's loader are the variant's; none for the kit's own classes")
    void variantLoaders() throws Exception {
        ClassLoader kit = RaceCheck.class.getClassLoader();
        URLClassLoader variant = loaderOf(racy);
        assertThat(VariantClassLoaders.variantLoaders(kit, kit)).isEmpty();
        assertThat(VariantClassLoaders.variantLoaders(variant.loadClass("racefixture.Downloads").getClassLoader(), kit))
                .containsExactly(variant);
    }

    @SuppressWarnings("unchecked")
    private static String verdict(ClassLoader loader) throws Exception {
        return ((Supplier<String>) loader.loadClass("racefixture.DownloadsRaceTest").getConstructor().newInstance()).get();
    }

    private static URLClassLoader loaderOf(Path classes) throws IOException {
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, RaceCheck.class.getClassLoader());
    }

    private static Path compile(String variant) throws IOException {
        Path sources = Path.of("src/test/resources/races/variants", variant);
        Path out = Files.createDirectories(build.resolve(variant));
        List<String> arguments = new ArrayList<>(List.of("--release", "21", "-proc:none", "-d", out.toString(),
                "-classpath", System.getProperty("java.class.path")));
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> arguments.add(f.toString()));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, arguments.toArray(String[]::new));
        assertThat(status).as("the %s variant compiles", variant).isZero();
        return out;
    }
}
