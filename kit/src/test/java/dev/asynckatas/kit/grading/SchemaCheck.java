package dev.asynckatas.kit.grading;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** Checks a results file against the schema instructors rely on, {@code docs/results.schema.json}. */
final class SchemaCheck {

    private SchemaCheck() {
    }

    static void assertValid(JsonNode results) {
        Path schemaFile = Path.of("..", "docs", "results.schema.json");
        try (InputStream in = Files.newInputStream(schemaFile)) {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
            Set<ValidationMessage> errors = schema.validate(results);
            assertThat(errors).as("results.json against " + schemaFile).isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
