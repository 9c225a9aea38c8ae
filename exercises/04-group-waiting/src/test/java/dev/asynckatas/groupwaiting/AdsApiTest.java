package dev.asynckatas.groupwaiting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The kata's given pieces on bad input: the manifest's parser and the file-name check. */
class AdsApiTest {

    @Test
    @DisplayName("the manifest: a JSON array of strings, escapes included")
    void parsesAJsonArrayOfStrings() throws AdsException {
        assertThat(AdsApi.Manifest.parse(" [ \"a.png\" , \"b\\\"q.png\",\"c\\u0041.png\", \"d\\\\e\" ] ")).containsExactly("a.png", "b\"q.png", "cA.png", "d\\e");
        assertThat(AdsApi.Manifest.parse("[]")).isEmpty();
        assertThat(AdsApi.Manifest.parse("[ ]")).isEmpty();
    }

    @Test
    @DisplayName("a manifest that is not a JSON array of strings is refused with a sentence")
    void refusesAnythingElse() {
        for (String json : List.of("", "{}", "[", "[\"a.png\"", "[\"a.png\",]", "[,]", "[\"a.png\" \"b.png\"]", "[1, 2]",
                "[\"a\\x\"]", "[\"\\u12\"]", "<html>gateway</html>", "[\"unclosed]")) {
            assertThatThrownBy(() -> AdsApi.Manifest.parse(json)).as("the manifest %s", json).isInstanceOf(AdsException.class)
                    .hasMessageStartingWith("the ad manifest could not be read: ");
        }
    }

    @Test
    @DisplayName("a file name that is not a plain name never becomes a path")
    void refusesNamesThatAreNotPlain() {
        Path directory = Path.of("ads");
        for (String name : List.of("", ".", "..", "../../etc/passwd", "/etc/passwd", "sub/dir.png", "..\\evil.png", ".hidden",
                "a b.png", "nul\u0000.png", "x".repeat(101))) {
            assertThatThrownBy(() -> new AdFile(name).targetIn(directory)).as("the name \"%s\"", name)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a plain file name");
        }
    }

    @Test
    @DisplayName("a plain name is saved right inside the ad directory")
    void plainNamesStayInside() {
        Path directory = Path.of("data", "ads");
        assertThat(new AdFile("spring-sale_2.png").targetIn(directory)).isEqualTo(directory.resolve("spring-sale_2.png"));
    }
}
