package dev.freeway.gateway.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeway.gateway.json.Json;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class JsonSchemaCleanerTest {

    @Test
    void drops_the_dialect_marker_wherever_a_schema_stands() throws Exception {
        JsonNode schema = Json.MAPPER.readTree("""
                {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
                 "properties": {"tags": {"type": "array", "items": {"$schema": "x", "type": "string"}}},
                 "anyOf": [{"$schema": "x", "required": ["tags"]}],
                 "$defs": {"id": {"$schema": "x", "type": "integer"}}}
                """);

        assertThat(JsonSchemaCleaner.clean(schema)).isEqualTo(Json.MAPPER.readTree("""
                {"type": "object",
                 "properties": {"tags": {"type": "array", "items": {"type": "string"}}},
                 "anyOf": [{"required": ["tags"]}],
                 "$defs": {"id": {"type": "integer"}}}
                """));
    }

    @Test
    void keeps_names_and_literal_values_spelled_like_the_marker() throws Exception {
        JsonNode schema = Json.MAPPER.readTree("""
                {"type": "object",
                 "properties": {"$schema": {"type": "string", "enum": ["$schema"]}},
                 "default": {"$schema": "kept"}}
                """);

        assertThat(JsonSchemaCleaner.clean(schema)).isEqualTo(schema);
    }

    @Test
    void leaves_the_client_schema_untouched() throws Exception {
        JsonNode schema = Json.MAPPER.readTree("{\"$schema\": \"x\", \"type\": \"object\"}");
        JsonNode before = schema.deepCopy();

        JsonSchemaCleaner.clean(schema);

        assertThat(schema).isEqualTo(before);
    }
}
