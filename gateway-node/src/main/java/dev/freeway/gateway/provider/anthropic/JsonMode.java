package dev.freeway.gateway.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How OpenAI's {@code response_format} is honoured. Anthropic's own JSON output
 * ({@code output_config.format}) exists only on recent models, so a {@code json_schema} with an
 * object schema and no client tools becomes one forced tool whose input is the answer; the
 * translators turn that tool call back into the message content. Every other JSON request gets an
 * instruction in the system prompt instead.
 *
 * @param schema the schema of the forced tool; null when no tool is forced
 * @param description the forced tool's description; null when no tool is forced
 * @param instruction text for the system prompt; null when none is needed
 */
record JsonMode(ObjectNode schema, String description, String instruction) {
    static final String TOOL_NAME = "json_response";

    private static final JsonMode NONE = new JsonMode(null, null, null);
    private static final String DEFAULT_DESCRIPTION = "Give the answer as the input of this tool.";
    private static final String JSON_OBJECT =
            "Answer with one JSON object and nothing else: no prose and no Markdown code fence.";
    private static final String JSON_SCHEMA =
            "Answer with one JSON value that matches this JSON Schema, and nothing else: no prose and"
                    + " no Markdown code fence.\n";

    static JsonMode of(JsonNode request) {
        JsonNode format = request.path("response_format");
        return switch (format.path("type").asText("")) {
            case "json_object" -> new JsonMode(null, null, JSON_OBJECT);
            case "json_schema" ->
                schema(format.path("json_schema"), request.path("tools").isEmpty());
            default -> NONE;
        };
    }

    /** Whether the answer arrives as a call of {@link #TOOL_NAME}. */
    boolean forcedTool() {
        return schema != null;
    }

    /** Declares the answer tool and forces it; the client sent no tools, so it is the only one. */
    void applyTool(ObjectNode body) {
        ObjectNode tool = body.putArray("tools").addObject();
        tool.put("name", TOOL_NAME);
        tool.put("description", description);
        tool.set("input_schema", schema.deepCopy());
        body.putObject("tool_choice").put("type", "tool").put("name", TOOL_NAME);
    }

    /** A tool input must be an object, so other schemas (and requests with tools) get the instruction. */
    private static JsonMode schema(JsonNode jsonSchema, boolean noClientTools) {
        JsonNode schema = jsonSchema.path("schema");
        if (noClientTools
                && schema.isObject()
                && "object".equals(schema.path("type").asText())) {
            JsonNode description = jsonSchema.path("description");
            return new JsonMode(
                    (ObjectNode) schema, description.isTextual() ? description.textValue() : DEFAULT_DESCRIPTION, null);
        }
        return new JsonMode(null, null, schema.isObject() ? JSON_SCHEMA + schema : JSON_OBJECT);
    }
}
