package dev.freeway.loadtest.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/**
 * The facts of a chat request that the simulated answer depends on, whatever format it came in. {@link
 * #parse} reads OpenAI's format; the other formats' readers fill the same facts so that one conversation
 * gets the same answer and token counts in any format.
 *
 * @param promptTokens see {@link #promptTokens(long, int)}
 * @param toolToCall the function the model should call, or null to answer with text
 * @param toolResult the content of a trailing {@code tool} message, or null when the last message is not one
 * @param maxTokens the client's cap on the answer's tokens, 0 for none
 */
record ChatRequest(
        String model,
        boolean stream,
        boolean includeUsage,
        int promptTokens,
        String lastUserText,
        String toolResult,
        String toolToCall,
        int maxTokens) {

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
        JsonNode maxTokens = root.get("max_completion_tokens");
        if (maxTokens == null) {
            maxTokens = root.get("max_tokens");
        }
        return new ChatRequest(
                root.path("model").asText(defaultModel),
                stream,
                stream && root.path("stream_options").path("include_usage").asBoolean(false),
                promptTokens(chars, messages.size()),
                lastUserText,
                toolResult,
                toolResult == null ? toolToCall(root) : null,
                maxTokens == null ? 0 : maxTokens.asInt(0));
    }

    /** A quarter of the characters of all message texts, rounded up, plus 4 per message. */
    static int promptTokens(long chars, int messages) {
        return (int) ((chars + 3) / 4) + 4 * messages;
    }

    /** The body as a JSON object, or null when it is not one. */
    static JsonNode objectOrNull(Buffer body) {
        try {
            JsonNode root = MAPPER.readTree(body.getBytes());
            return root != null && root.isObject() ? root : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static JsonNode readObject(Buffer body) throws InvalidRequestException {
        JsonNode root = objectOrNull(body);
        if (root == null) {
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

    /**
     * Message content is either a string or an array of parts, of which only text parts carry text. OpenAI,
     * Anthropic and Cohere all write content this way.
     */
    static String text(JsonNode content) {
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
