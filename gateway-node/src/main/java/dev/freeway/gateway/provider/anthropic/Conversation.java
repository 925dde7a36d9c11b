package dev.freeway.gateway.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeway.gateway.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI's message list as Anthropic wants it: system and developer text lifted into the
 * top-level {@code system}, only {@code user} and {@code assistant} turns, each with a content
 * array, alternating and starting with {@code user}.
 *
 * @param system the system and developer messages, one paragraph each; empty when none
 * @param messages the {@code messages} array
 */
record Conversation(String system, ArrayNode messages) {
    /** What a turn inserted only to satisfy "the first turn is the user's" says. */
    static final String PLACEHOLDER_USER_TEXT = ".";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static Conversation translate(JsonNode openAiMessages) {
        List<String> system = new ArrayList<>();
        ArrayNode messages = NODES.arrayNode();
        for (JsonNode message : openAiMessages) {
            switch (message.path("role").asText("")) {
                case "system", "developer" -> system.add(ContentBlocks.text(message.path("content")));
                case "user" -> append(messages, "user", ContentBlocks.from(message.path("content")));
                case "assistant" -> append(messages, "assistant", assistant(message));
                case "tool" -> append(messages, "user", NODES.arrayNode().add(toolResult(message)));
                default -> {
                    // the legacy "function" role carries no call id a tool_result could refer to
                }
            }
        }
        if (messages.isEmpty()
                || "assistant".equals(messages.get(0).path("role").asText())) {
            ObjectNode first = NODES.objectNode().put("role", "user");
            first.putArray("content").add(ContentBlocks.textBlock(PLACEHOLDER_USER_TEXT));
            messages.insert(0, first);
        }
        return new Conversation(paragraphs(system.toArray(String[]::new)), messages);
    }

    /** The non-empty texts, separated by blank lines. */
    static String paragraphs(String... texts) {
        StringBuilder joined = new StringBuilder();
        for (String text : texts) {
            if (text != null && !text.isEmpty()) {
                joined.append(joined.isEmpty() ? "" : "\n\n").append(text);
            }
        }
        return joined.toString();
    }

    /**
     * Consecutive turns of one role become one turn, as Anthropic wants them alternating; a turn
     * with no content is dropped, since Anthropic refuses empty turns.
     */
    private static void append(ArrayNode messages, String role, ArrayNode blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        JsonNode last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
        if (last != null && role.equals(last.path("role").asText())) {
            ((ArrayNode) last.get("content")).addAll(blocks);
            return;
        }
        ObjectNode turn = messages.addObject().put("role", role);
        turn.set("content", blocks);
    }

    private static ArrayNode assistant(JsonNode message) {
        ArrayNode blocks = ContentBlocks.from(message.path("content"));
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode function = call.path("function");
            ObjectNode use = blocks.addObject();
            use.put("type", "tool_use");
            use.put("id", call.path("id").asText(""));
            use.put("name", function.path("name").asText(""));
            use.set("input", input(function.path("arguments")));
        }
        return blocks;
    }

    /** OpenAI sends arguments as a JSON string; Anthropic wants the object itself. */
    private static ObjectNode input(JsonNode arguments) {
        if (arguments.isObject()) {
            return (ObjectNode) arguments.deepCopy();
        }
        if (arguments.isTextual() && !arguments.textValue().isBlank()) {
            try {
                if (Json.MAPPER.readTree(arguments.textValue()) instanceof ObjectNode object) {
                    return object;
                }
            } catch (IOException e) {
                // not JSON: the call is replayed without arguments rather than failing the request
            }
        }
        return NODES.objectNode();
    }

    private static ObjectNode toolResult(JsonNode message) {
        ObjectNode result = NODES.objectNode();
        result.put("type", "tool_result");
        result.put("tool_use_id", message.path("tool_call_id").asText(""));
        JsonNode content = message.path("content");
        if (content.isTextual() && !content.textValue().isEmpty()) {
            result.put("content", content.textValue());
        } else if (content.isArray()) {
            ArrayNode blocks = ContentBlocks.from(content);
            if (!blocks.isEmpty()) {
                result.set("content", blocks);
            }
        }
        return result;
    }
}
