package dev.freeway.loadtest.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Reads Anthropic Messages requests: {@code system}, {@code messages} of content blocks ({@code text},
 * {@code tool_use}, {@code tool_result}) and {@code tools}. Like the real API it insists on the {@code
 * anthropic-version} header and on {@code max_tokens}, which gateways translating from OpenAI must add.
 */
final class AnthropicRequests {
    private AnthropicRequests() {}

    static ChatRequest parse(HttpServerRequest request, Buffer body, String defaultModel)
            throws InvalidRequestException {
        if (ApiKeys.plain(request.getHeader("anthropic-version")) == null) {
            throw invalid("anthropic-version: header is required");
        }
        JsonNode root = ChatRequest.objectOrNull(body);
        if (root == null) {
            throw invalid("The request body is not valid JSON.");
        }
        JsonNode maxTokens = root.get("max_tokens");
        if (maxTokens == null || maxTokens.isNull()) {
            throw invalid("max_tokens: Field required");
        }
        if (!maxTokens.canConvertToInt() || !maxTokens.isIntegralNumber() || maxTokens.intValue() < 1) {
            throw invalid("max_tokens: Input should be a valid integer greater than or equal to 1");
        }
        JsonNode messages = root.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw invalid("messages: at least one message is required");
        }
        PromptTally tally = new PromptTally();
        JsonNode system = root.path("system");
        if (!system.isMissingNode() && !system.isNull()) {
            tally.message(false, ChatRequest.text(system));
        }
        for (JsonNode message : messages) {
            if (!message.isObject()) {
                throw invalid("messages: Input should be a valid list of objects");
            }
            read(message, tally);
        }
        return tally.request(
                root.path("model").asText(defaultModel),
                root.path("stream").asBoolean(false),
                maxTokens.intValue(),
                toolToCall(root));
    }

    /**
     * Tool results ride in a user message, one block each, where OpenAI sends one {@code tool} message per
     * result; any text beside them is a user message of its own.
     */
    private static void read(JsonNode message, PromptTally tally) {
        JsonNode content = message.path("content");
        boolean fromUser = message.path("role").asText("").equals("user");
        boolean answersTools = false;
        for (JsonNode block : content) {
            if (block.path("type").asText("").equals("tool_result")) {
                answersTools = true;
                tally.toolResult(ChatRequest.text(block.get("content")));
            }
        }
        String text = ChatRequest.text(content);
        if (!answersTools || !text.isEmpty()) {
            tally.message(fromUser, text);
        }
    }

    /** Server tools (web search and the like) carry a versioned {@code type}; functions have none or "custom". */
    private static String toolToCall(JsonNode root) {
        JsonNode choice = root.path("tool_choice");
        String kind = choice.path("type").asText("auto");
        if (kind.equals("none")) {
            return null;
        }
        if (kind.equals("tool")) {
            return choice.path("name").asText("");
        }
        for (JsonNode tool : root.path("tools")) {
            String type = tool.path("type").asText("custom");
            if (type.equals("custom")) {
                return tool.path("name").asText("");
            }
        }
        return null;
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(message, AnthropicErrors.invalidRequest(message));
    }
}
