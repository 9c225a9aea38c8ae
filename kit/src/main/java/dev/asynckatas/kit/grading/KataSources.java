package dev.asynckatas.kit.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a kata's pieces are, by the repository's layout: the exercise (broken code, given code, tests), the
 * reference solution, and beside it the catalogue of wrong fixes and correct alternatives.
 */
record KataSources(Path root, String kata) {

    /** All the katas of the repository, in order: every {@code exercises/NN-name} folder with tests. */
    static List<String> all(Path root) {
        Path exercises = root.resolve("exercises");
        if (!Files.isDirectory(exercises)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(exercises)) {
            return folders.filter(f -> f.getFileName().toString().matches("\\d\\d-[a-z0-9-]+") && Files.isDirectory(f.resolve("src/test/java")))
                    .map(f -> f.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path exercise() {
        return root.resolve("exercises").resolve(kata);
    }

    Path mainSources() {
        return exercise().resolve("src/main/java");
    }

    Path givenSources() {
        return exercise().resolve("src/given/java");
    }

    Path testSources() {
        return exercise().resolve("src/test/java");
    }

    Path testResources() {
        return exercise().resolve("src/test/resources");
    }

    Path solution() {
        return root.resolve("solutions").resolve(kata);
    }

    Path solutionSources() {
        return solution().resolve("src/main/java");
    }

    /** Build output of the grader for this kata. */
    Path work() {
        return exercise().resolve("target/katas");
    }

    String lesson() {
        return "docs/" + kata + ".md";
    }

    /** The catalogue's entries of one kind, by slug. */
    List<CatalogueEntry> catalogue(CatalogueEntry.Kind kind) {
        Path folder = solution().resolve(kind.folder());
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<CatalogueEntry> entries = new ArrayList<>();
        try (Stream<Path> slugs = Files.list(folder)) {
            for (Path entry : slugs.filter(Files::isDirectory).sorted().toList()) {
                entries.add(CatalogueEntry.read(kind, entry));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /**
     * An entry of a kata's catalogue: a wrong fix a participant would write, or a correct alternative to the reference.
     * Its {@code src/main/java} holds whole files that replace the solution's files at the same paths.
     *
     * @param title   the first line of its README, without the {@code #}
     * @param summary the rest of its README: what it does and what the user would see
     */
    record CatalogueEntry(Kind kind, String slug, Path folder, String title, String summary) {

        enum Kind {
            WRONG_FIX("wrong-fixes"), ALTERNATIVE("alternatives");

            private final String folder;

            Kind(String folder) {
                this.folder = folder;
            }

            String folder() {
                return folder;
            }
        }

        static CatalogueEntry read(Kind kind, Path folder) {
            Path readme = folder.resolve("README.md");
            List<String> lines = List.of();
            try {
                if (Files.isRegularFile(readme)) {
                    lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Optional<String> heading = lines.stream().filter(l -> l.startsWith("# ")).findFirst();
            String summary = String.join(" ", lines.stream().filter(l -> !l.startsWith("#") && !l.isBlank()).map(String::strip).toList());
            return new CatalogueEntry(kind, folder.getFileName().toString(), folder, heading.map(h -> h.substring(2).strip()).orElse(""), summary);
        }

        /** {@code wrong-fixes/cancel-false}, as reports name it. */
        String name() {
            return kind.folder() + "/" + slug;
        }

        Path sources() {
            return folder.resolve("src/main/java");
        }
    }
}
