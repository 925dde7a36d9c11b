package dev.freeway.gateway.provider.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OpenAI chat messages as Cohere v2 messages. The shapes are close: roles keep their names
 * ({@code developer} becomes {@code system}), assistant tool calls and tool results keep their
 * fields, and content stays a string or a list of parts. Only parts Cohere documents survive:
 * text everywhere, {@code image_url} in user turns.
 */
final class CohereMessages {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CohereMessages() {}

    static ArrayNode translate(JsonNode messages) {
        ArrayNode out = NODES.arrayNode();
        for (JsonNode message : messages) {
            out.add(message(message));
        }
        return out;
    }

    private static JsonNode message(JsonNode message) {
        return switch (message.path("role").asText("")) {
            case "system", "developer" -> withContent("system", message.get("content"), false);
            case "user" -> withContent("user", message.get("content"), true);
            case "assistant" -> assistant(message);
            case "tool" -> tool(message);
            // Legacy or unknown roles go as they are, so Cohere's 400 tells the client.
            default -> message.deepCopy();
        };
    }

    private static ObjectNode withContent(String role, JsonNode content, boolean images) {
        ObjectNode out = NODES.objectNode().put("role", role);
        if (content != null && !content.isNull()) {
            out.set("content", content(content, images));
        }
        return out;
    }

    private static ObjectNode assistant(JsonNode message) {
        ObjectNode out = NODES.objectNode().put("role", "assistant");
        JsonNode calls = message.path("tool_calls");
        boolean hasCalls = calls.isArray() && !calls.isEmpty();
        JsonNode content = message.get("content");
        // OpenAI clients send "" or null beside tool calls; Cohere documents content as absent then.
        if (content != null && !content.isNull() && !(hasCalls && isEmpty(content))) {
            out.set("content", content(content, false));
        }
        if (hasCalls) {
            ArrayNode cohereCalls = out.putArray("tool_calls");
            for (JsonNode call : calls) {
                JsonNode function = call.path("function");
                JsonNode arguments = function.path("arguments");
                cohereCalls
                        .addObject()
                        .put("id", call.path("id").asText())
                        .put("type", "function")
                        .putObject("function")
                        .put("name", function.path("name").asText())
                        .put("arguments", arguments.isTextual() ? arguments.asText() : arguments.toString());
            }
        }
        return out;
    }

    private static ObjectNode tool(JsonNode message) {
        ObjectNode out = NODES.objectNode().put("role", "tool");
        out.put("tool_call_id", message.path("tool_call_id").asText());
        JsonNode content = message.get("content");
        out.set("content", content == null || content.isNull() ? NODES.textNode("") : content(content, false));
        return out;
    }

    private static JsonNode content(JsonNode content, boolean images) {
        if (!content.isArray()) {
            return content.deepCopy();
        }
        ArrayNode parts = NODES.arrayNode();
        for (JsonNode part : content) {
            String type = part.path("type").asText("");
            if (type.equals("text")) {
                parts.addObject()
                        .put("type", "text")
                        .put("text", part.path("text").asText());
            } else if (images && type.equals("image_url")) {
                parts.add(image(part.path("image_url")));
            }
        }
        return parts;
    }

    /** Cohere takes OpenAI's image part as is: a data: or http(s) URL and an optional detail. */
    private static ObjectNode image(JsonNode imageUrl) {
        ObjectNode part = NODES.objectNode().put("type", "image_url");
        ObjectNode url = part.putObject("image_url");
        url.put(
                "url",
                imageUrl.isTextual() ? imageUrl.asText() : imageUrl.path("url").asText());
        JsonNode detail = imageUrl.path("detail");
        if (detail.isTextual()) {
            url.put("detail", detail.asText());
        }
        return part;
    }

    private static boolean isEmpty(JsonNode content) {
        return content.isTextual() ? content.asText().isEmpty() : content.isArray() && content.isEmpty();
    }
}
