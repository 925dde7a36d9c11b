package dev.freeway.gateway.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** OpenAI's {@code tools}, {@code tool_choice} and {@code parallel_tool_calls} in Anthropic's terms. */
final class Tools {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Tools() {}

    static void apply(JsonNode request, ObjectNode body) {
        ArrayNode tools = NODES.arrayNode();
        for (JsonNode tool : request.path("tools")) {
            if ("function".equals(tool.path("type").asText("function"))) {
                tools.add(tool(tool.path("function")));
            }
        }
        // Anthropic refuses a tool_choice without tools
        if (tools.isEmpty()) {
            return;
        }
        body.set("tools", tools);
        ObjectNode choice = choice(request.path("tool_choice"));
        JsonNode parallel = request.path("parallel_tool_calls");
        if (parallel.isBoolean() && !parallel.booleanValue()) {
            if (choice == null) {
                choice = NODES.objectNode().put("type", "auto");
            }
            // disable_parallel_tool_use is refused on "none", where it means nothing anyway
            if (!"none".equals(choice.path("type").asText())) {
                choice.put("disable_parallel_tool_use", true);
            }
        }
        if (choice != null) {
            body.set("tool_choice", choice);
        }
    }

    /** Whether the client makes the model call a tool ({@code required} or a named function). */
    static boolean forceToolUse(JsonNode request) {
        JsonNode choice = request.path("tool_choice");
        return !request.path("tools").isEmpty() && ("required".equals(choice.asText()) || choice.isObject());
    }

    private static ObjectNode tool(JsonNode function) {
        ObjectNode tool = NODES.objectNode();
        tool.put("name", function.path("name").asText(""));
        JsonNode description = function.path("description");
        if (description.isTextual()) {
            tool.put("description", description.textValue());
        }
        JsonNode parameters = function.path("parameters");
        if (parameters.isObject()) {
            tool.set("input_schema", parameters.deepCopy());
        } else {
            // OpenAI allows a function without parameters; Anthropic requires an object schema
            tool.putObject("input_schema").put("type", "object").putObject("properties");
        }
        return tool;
    }

    private static ObjectNode choice(JsonNode toolChoice) {
        if (toolChoice.isObject()) {
            String name = toolChoice.path("function").path("name").asText("");
            return name.isEmpty()
                    ? null
                    : NODES.objectNode().put("type", "tool").put("name", name);
        }
        return switch (toolChoice.asText("")) {
            case "auto" -> NODES.objectNode().put("type", "auto");
            case "required" -> NODES.objectNode().put("type", "any");
            case "none" -> NODES.objectNode().put("type", "none");
            default -> null;
        };
    }
}
