package dev.freeway.gateway.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OpenAI {@code tools} and {@code tool_choice} as Gemini {@code tools} and {@code toolConfig}.
 * Parameters go to {@code parametersJsonSchema}, which takes JSON Schema as clients write it, rather
 * than {@code parameters}, whose OpenAPI subset answers 400 to common keywords ({@code $ref},
 * {@code additionalProperties}, {@code const}...). OpenAI's {@code strict} has no Gemini
 * counterpart and is left out.
 */
final class Tools {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Tools() {}

    /** Adds {@code tools} and {@code toolConfig} to {@code body}; returns whether any function was declared. */
    static boolean addTo(ObjectNode body, JsonNode request) {
        ArrayNode declarations = NODES.arrayNode();
        for (JsonNode tool : request.path("tools")) {
            JsonNode function = tool.path("function");
            if (tool.path("type").asText("function").equals("function") && function.isObject()) {
                declarations.add(declaration(function));
            }
        }
        if (declarations.isEmpty()) {
            return false;
        }
        body.putArray("tools").addObject().set("functionDeclarations", declarations);
        ObjectNode callingConfig = callingConfig(request.path("tool_choice"));
        if (callingConfig != null) {
            body.putObject("toolConfig").set("functionCallingConfig", callingConfig);
        }
        return true;
    }

    private static ObjectNode declaration(JsonNode function) {
        ObjectNode declaration =
                NODES.objectNode().put("name", function.path("name").asText());
        String description = function.path("description").asText("");
        if (!description.isEmpty()) {
            declaration.put("description", description);
        }
        JsonNode parameters = function.path("parameters");
        if (parameters.isObject()) {
            declaration.set("parametersJsonSchema", JsonSchemaCleaner.clean(parameters));
        }
        return declaration;
    }

    /** Null when the client left the choice to the default ({@code AUTO}). */
    private static ObjectNode callingConfig(JsonNode choice) {
        if (choice.isTextual()) {
            return switch (choice.asText()) {
                case "none" -> mode("NONE");
                case "auto" -> mode("AUTO");
                case "required" -> mode("ANY");
                default -> null;
            };
        }
        String name = choice.path("function").path("name").asText("");
        if (name.isEmpty()) {
            return null;
        }
        ObjectNode config = mode("ANY");
        config.putArray("allowedFunctionNames").add(name);
        return config;
    }

    private static ObjectNode mode(String mode) {
        return NODES.objectNode().put("mode", mode);
    }
}
