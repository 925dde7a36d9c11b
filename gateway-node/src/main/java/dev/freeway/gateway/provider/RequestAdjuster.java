package dev.freeway.gateway.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeway.gateway.catalog.entry.RequestQuirks;
import dev.freeway.gateway.config.ModelConfig;
import java.util.Map;

/**
 * Fits the client's request to one platform and model before it is sent: the answer limit clamped
 * to what the model can write (or set where the platform's own default truncates or pre-charges),
 * and, for the OpenAI-compatible family, parameters the platform rejects dropped or renamed instead
 * of forwarded to fail. Works on a shallow copy, so other attempts still see the client's request.
 */
public final class RequestAdjuster {
    private RequestAdjuster() {}

    /**
     * The answer limit an attempt runs with: the client's, else the platform's default, clamped to
     * what the model can write; 0 when nobody sets one.
     */
    public static long answerLimit(long asked, int platformDefault, int modelMaxOutput) {
        long value = asked > 0 ? asked : platformDefault;
        return modelMaxOutput > 0 && value > modelMaxOutput ? modelMaxOutput : value;
    }

    private static long asked(JsonNode request) {
        return Math.max(
                request.path("max_completion_tokens").asLong(0),
                request.path("max_tokens").asLong(0));
    }

    /** Only the answer limit: wire formats translate everything else themselves. */
    public static ObjectNode limitOnly(ObjectNode request, RequestQuirks quirks, ModelConfig model) {
        long asked = asked(request);
        long max = answerLimit(asked, quirks.defaultMaxTokens(), model.maxOutputTokens());
        if (max == asked) {
            return request;
        }
        ObjectNode copy = request.objectNode().setAll(request);
        copy.remove("max_tokens");
        copy.put("max_completion_tokens", max);
        return copy;
    }

    /** The OpenAI-compatible family: answer limit plus the platform's parameter quirks. */
    public static ObjectNode openAi(ObjectNode request, RequestQuirks quirks, ModelConfig model) {
        ObjectNode copy = request.objectNode().setAll(request);
        long max = answerLimit(asked(request), quirks.defaultMaxTokens(), model.maxOutputTokens());
        if (max > 0) {
            String field = request.has("max_completion_tokens") ? "max_completion_tokens" : "max_tokens";
            copy.remove("max_completion_tokens");
            copy.remove("max_tokens");
            copy.put(field, max);
        }
        quirks.dropParams().forEach(copy::remove);
        for (Map.Entry<String, String> rename : quirks.renameParams().entrySet()) {
            JsonNode value = copy.remove(rename.getKey());
            if (value != null) {
                copy.set(rename.getValue(), value);
            }
        }
        boolean hasTools = copy.path("tools").isArray() && !copy.path("tools").isEmpty();
        if (quirks.toolChoiceRequired() != null
                && "required".equals(copy.path("tool_choice").asText())) {
            copy.put("tool_choice", quirks.toolChoiceRequired());
        }
        if (quirks.singleToolCall() && hasTools) {
            copy.put("parallel_tool_calls", false);
        }
        if (quirks.systemAsUser()) {
            copy.set("messages", systemFoldedIntoUser(copy.path("messages")));
        }
        return copy;
    }

    /** For models without a system role: the system text leads the first user turn instead. */
    static ArrayNode systemFoldedIntoUser(JsonNode messages) {
        StringBuilder system = new StringBuilder();
        ArrayNode rest = JsonNodeFactory.instance.arrayNode();
        for (JsonNode message : messages) {
            String role = message.path("role").asText();
            if (role.equals("system") || role.equals("developer")) {
                system.append(system.isEmpty() ? "" : "\n\n").append(text(message.path("content")));
            } else {
                rest.add(message);
            }
        }
        if (system.isEmpty()) {
            return (ArrayNode) messages;
        }
        for (int i = 0; i < rest.size(); i++) {
            if ("user".equals(rest.get(i).path("role").asText())) {
                ObjectNode first = ((ObjectNode) rest.get(i)).deepCopy();
                if (first.path("content").isArray()) {
                    ((ArrayNode) first.path("content"))
                            .insert(0, first.objectNode().put("type", "text").put("text", system.toString()));
                } else {
                    first.put("content", system + "\n\n" + first.path("content").asText());
                }
                rest.set(i, first);
                return rest;
            }
        }
        rest.insert(0, rest.objectNode().put("role", "user").put("content", system.toString()));
        return rest;
    }

    /** A message's text: the string, or its text parts joined. */
    private static String text(JsonNode content) {
        if (!content.isArray()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if ("text".equals(part.path("type").asText())) {
                text.append(text.isEmpty() ? "" : "\n").append(part.path("text").asText());
            }
        }
        return text.toString();
    }
}
