package dev.freeway.gateway.provider.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OpenAI tools and {@code tool_choice} as Cohere's {@code tools}, {@code tool_choice} and
 * {@code strict_tools}. Cohere's choice is only {@code REQUIRED} or {@code NONE} (absent means
 * auto), so a named function is forced by offering that one tool and requiring a call.
 */
final class CohereTools {
    private CohereTools() {}

    static void apply(JsonNode request, ObjectNode body) {
        JsonNode choice = request.path("tool_choice");
        String forced = choice.isObject() ? choice.path("function").path("name").asText(null) : null;
        JsonNode tools = request.path("tools");
        if (tools.isArray() && !tools.isEmpty()) {
            tools(tools, forced, body);
        }
        if (forced != null || choice.asText("").equals("required")) {
            body.put("tool_choice", "REQUIRED");
        } else if (choice.asText("").equals("none")) {
            body.put("tool_choice", "NONE");
        }
    }

    /**
     * Cohere's strictness covers every tool of the call, so it is asked for only when the client
     * marked every tool strict: a schema not written for strict mode could otherwise be refused.
     */
    private static void tools(JsonNode tools, String forced, ObjectNode body) {
        ArrayNode out = body.putArray("tools");
        boolean allStrict = true;
        for (JsonNode tool : tools) {
            JsonNode function = tool.path("function");
            String name = function.path("name").asText();
            if (forced != null && !forced.equals(name)) {
                continue;
            }
            ObjectNode cohere = out.addObject().put("type", "function").putObject("function");
            cohere.put("name", name);
            if (function.path("description").isTextual()) {
                cohere.put("description", function.path("description").asText());
            }
            if (function.path("parameters").isObject()) {
                cohere.set("parameters", function.path("parameters").deepCopy());
            }
            allStrict &= function.path("strict").asBoolean(false);
        }
        if (allStrict && !out.isEmpty()) {
            body.put("strict_tools", true);
        }
    }
}
