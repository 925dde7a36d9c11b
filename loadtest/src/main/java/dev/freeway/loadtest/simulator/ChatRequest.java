package dev.freeway.loadtest.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/**
 * The facts of a chat-completions request that the simulated answer depends on.
 *
 * @param toolToCall the function the model should call, or null to answer with text
 * @param toolResult the content of a trailing {@code tool} message, or null when the last message is not one
 */
record ChatRequest(
        String model,
        boolean stream,
        boolean includeUsage,
        int promptTokens,
        String lastUserText,
        String toolResult,
        String toolToCall) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static ChatRequest parse(Buffer body, String defaultModel) throws InvalidRequestException {
        JsonNode root = readObject(body);
        JsonNode messages = messages(root);
        long chars = 0;
        String lastUserText = "";
        String lastRole = "";
        String lastText = "";
        for (JsonNode message : messages) {
            if (!message.isObject()) {
                throw new InvalidRequestException(
                        "Invalid type for 'messages': expected an array of objects.", "messages", "invalid_type");
            }
            lastRole = message.path("role").asText("");
            lastText = text(message.get("content"));
            chars += lastText.length();
            if (lastRole.equals("user")) {
                lastUserText = lastText;
            }
        }
        String toolResult = lastRole.equals("tool") ? lastText : null;
        boolean stream = root.path("stream").asBoolean(false);
        return new ChatRequest(
                root.path("model").asText(defaultModel),
                stream,
                stream && root.path("stream_options").path("include_usage").asBoolean(false),
                (int) ((chars + 3) / 4) + 4 * messages.size(),
                lastUserText,
                toolResult,
                toolResult == null ? toolToCall(root) : null);
    }

    private static JsonNode readObject(Buffer body) throws InvalidRequestException {
        JsonNode root;
        try {
            root = MAPPER.readTree(body.getBytes());
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRequestException(
                    "We could not parse the JSON body of your request. The OpenAI API expects a JSON payload.",
                    null,
                    "invalid_json");
        }
        return root;
    }

    private static JsonNode messages(JsonNode root) throws InvalidRequestException {
        JsonNode messages = root.get("messages");
        if (messages == null || messages.isNull()) {
            throw new InvalidRequestException(
                    "Missing required parameter: 'messages'.", "messages", "missing_required_parameter");
        }
        if (!messages.isArray()) {
            throw new InvalidRequestException(
                    "Invalid type for 'messages': expected an array.", "messages", "invalid_type");
        }
        if (messages.isEmpty()) {
            throw new InvalidRequestException(
                    "Invalid 'messages': empty array. Expected an array with minimum length 1.",
                    "messages",
                    "empty_array");
        }
        return messages;
    }

    /** Message content is either a string or an array of parts, of which only text parts carry text. */
    private static String text(JsonNode content) {
        if (content == null) {
            return "";
        }
        if (content.isTextual()) {
            return content.textValue();
        }
        if (!content.isArray()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if (part.path("type").asText("").equals("text")) {
                text.append(part.path("text").asText(""));
            }
        }
        return text.toString();
    }

    private static String toolToCall(JsonNode root) {
        JsonNode tools = root.path("tools");
        if (!tools.isArray() || tools.isEmpty()) {
            return null;
        }
        JsonNode choice = root.path("tool_choice");
        if (choice.isTextual() && choice.textValue().equals("none")) {
            return null;
        }
        String chosen = choice.path("function").path("name").asText("");
        return chosen.isEmpty() ? tools.get(0).path("function").path("name").asText("") : chosen;
    }
}
