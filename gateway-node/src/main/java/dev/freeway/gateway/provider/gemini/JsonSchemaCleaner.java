package dev.freeway.gateway.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;

/**
 * Prepares a client's JSON Schema for Gemini's {@code parametersJsonSchema} and
 * {@code responseJsonSchema}. Those fields take JSON Schema itself ({@code $ref}, {@code $defs},
 * {@code anyOf}, {@code additionalProperties} included), so the schema is kept whole except for the
 * {@code $schema} dialect marker, which Gemini does not list among the keywords it accepts.
 * Property names and literal values ({@code enum}, {@code const}, {@code default}) are never
 * touched, even when one is spelled {@code $schema}.
 */
final class JsonSchemaCleaner {
    /** Keywords whose value maps names (chosen by the client) to schemas. */
    private static final Set<String> NAMED_SCHEMAS =
            Set.of("properties", "patternProperties", "$defs", "definitions", "dependentSchemas");
    /** Keywords whose value is data, not schema. */
    private static final Set<String> LITERALS = Set.of("enum", "const", "default", "examples", "example");

    private JsonSchemaCleaner() {}

    static JsonNode clean(JsonNode schema) {
        if (schema instanceof ObjectNode object) {
            return cleanObject(object);
        }
        return schema.deepCopy();
    }

    private static ObjectNode cleanObject(ObjectNode schema) {
        ObjectNode cleaned = schema.objectNode();
        for (Map.Entry<String, JsonNode> field : schema.properties()) {
            String keyword = field.getKey();
            JsonNode value = field.getValue();
            if (keyword.equals("$schema")) {
                continue;
            }
            if (LITERALS.contains(keyword)) {
                cleaned.set(keyword, value.deepCopy());
            } else if (NAMED_SCHEMAS.contains(keyword) && value instanceof ObjectNode named) {
                ObjectNode schemas = cleaned.putObject(keyword);
                named.properties().forEach(entry -> schemas.set(entry.getKey(), clean(entry.getValue())));
            } else if (value instanceof ArrayNode array) {
                ArrayNode items = cleaned.putArray(keyword);
                array.forEach(item -> items.add(clean(item)));
            } else {
                cleaned.set(keyword, clean(value));
            }
        }
        return cleaned;
    }
}
