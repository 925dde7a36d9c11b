package dev.freeway.loadtest.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;

/**
 * Reads Cohere v2 chat requests, whose messages and tools are shaped like OpenAI's. A {@code tool}
 * message's content may also be a list of documents, whose data counts as its text.
 */
final class CohereRequests {
    private CohereRequests() {}

    static ChatRequest parse(Buffer body, String defaultModel) throws InvalidRequestException {
        JsonNode root = ChatRequest.objectOrNull(body);
        if (root == null) {
            throw invalid("invalid request: the body is not a valid JSON object");
        }
        JsonNode messages = root.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw invalid("invalid request: messages must contain at least one message");
        }
        PromptTally tally = new PromptTally();
        for (JsonNode message : messages) {
            if (!message.isObject()) {
                throw invalid("invalid request: each message must be an object");
            }
            String role = message.path("role").asText("");
            if (role.equals("tool")) {
                tally.toolResult(toolText(message.get("content")));
            } else {
                tally.message(role.equals("user"), ChatRequest.text(message.get("content")));
            }
        }
        return tally.request(
                root.path("model").asText(defaultModel),
                root.path("stream").asBoolean(false),
                root.path("max_tokens").asInt(0),
                toolToCall(root));
    }

    private static String toolText(JsonNode content) {
        if (content == null || !content.isArray()) {
            return ChatRequest.text(content);
        }
        StringBuilder text = new StringBuilder(ChatRequest.text(content));
        for (JsonNode part : content) {
            JsonNode data = part.path("document").path("data");
            if (part.path("type").asText("").equals("document") && !data.isMissingNode()) {
                text.append(data.isTextual() ? data.textValue() : data.toString());
            }
        }
        return text.toString();
    }

    /** Cohere's tool_choice is only REQUIRED or NONE; without it the model may call the first tool. */
    private static String toolToCall(JsonNode root) {
        JsonNode tools = root.path("tools");
        if (!tools.isArray()
                || tools.isEmpty()
                || root.path("tool_choice").asText("").equals("NONE")) {
            return null;
        }
        return tools.get(0).path("function").path("name").asText("");
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(message, CohereErrors.error(400, message));
    }
}
