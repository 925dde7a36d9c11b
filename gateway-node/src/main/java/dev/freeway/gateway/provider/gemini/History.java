package dev.freeway.gateway.provider.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeway.gateway.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenAI {@code messages} as Gemini {@code contents}: user turns stay {@code user}, assistant turns
 * become {@code model} turns with {@code functionCall} parts, and each run of tool results becomes
 * one {@code user} turn of {@code functionResponse} parts. System and developer messages are
 * collected apart, for {@code systemInstruction} or, on Gemma, the first user turn.
 */
final class History {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /**
     * Google's documented stand-in for a function call Gemini 3 did not make itself (history from
     * another platform, after a failover): without any signature such a turn is refused.
     */
    static final String FOREIGN_CALL_SIGNATURE = "skip_thought_signature_validator";
    /** A tool result such as {@code {"a":1}\n{"b":2}} is text, not its first object. */
    private static final ObjectReader WHOLE_VALUE =
            Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final boolean signaturesRequired;
    private final ArrayNode contents = NODES.arrayNode();
    private final List<String> system = new ArrayList<>();
    private final Map<String, String> callNames = new HashMap<>();
    private ArrayNode pendingResponses;

    private History(boolean signaturesRequired) {
        this.signaturesRequired = signaturesRequired;
    }

    /** The translated conversation: contents, and the system text ("" when there is none). */
    record Turns(ArrayNode contents, String systemText) {}

    static Turns of(JsonNode messages, String upstreamModel) {
        History history = new History(ModelTraits.validatesThoughtSignatures(upstreamModel));
        for (JsonNode message : messages) {
            history.add(message);
        }
        history.flushResponses();
        return new Turns(history.contents, String.join("\n\n", history.system));
    }

    /** Puts {@code systemText} at the start of the first user turn, for models without system instructions. */
    static void foldIntoFirstUserTurn(ArrayNode contents, String systemText) {
        for (JsonNode content : contents) {
            if (content.path("role").asText().equals("user")) {
                ((ArrayNode) content.path("parts")).insertObject(0).put("text", systemText);
                return;
            }
        }
        ObjectNode turn = contents.insertObject(0).put("role", "user");
        turn.putArray("parts").addObject().put("text", systemText);
    }

    private void add(JsonNode message) {
        String role = message.path("role").asText();
        JsonNode content = message.path("content");
        switch (role) {
            case "system", "developer" -> {
                String text = ContentParts.text(content);
                if (!text.isEmpty()) {
                    system.add(text);
                }
            }
            case "tool" ->
                addResponse(
                        message.path("tool_call_id").asText(),
                        message.path("name").asText(""),
                        content);
            case "function" -> addResponse("", message.path("name").asText(""), content);
            case "assistant" -> addTurn("model", assistantParts(message));
            default -> addTurn("user", ContentParts.of(content));
        }
    }

    private void addTurn(String role, ArrayNode parts) {
        flushResponses();
        if (!parts.isEmpty()) {
            contents.addObject().put("role", role).set("parts", parts);
        }
    }

    private ArrayNode assistantParts(JsonNode message) {
        ArrayNode parts = NODES.arrayNode();
        JsonNode content = message.path("content");
        if (content.isTextual() || content.isArray()) {
            ContentParts.addText(parts, ContentParts.text(content));
        }
        ObjectNode firstCall = null;
        boolean anySignature = false;
        for (JsonNode call : message.path("tool_calls")) {
            String id = call.path("id").asText();
            String name = call.path("function").path("name").asText();
            callNames.put(id, name);
            ToolCallIds.Decoded carried = ToolCallIds.decode(id);
            ObjectNode part = parts.addObject();
            ObjectNode functionCall = part.putObject("functionCall");
            if (carried.geminiId() != null) {
                functionCall.put("id", carried.geminiId());
            }
            functionCall.put("name", name);
            functionCall.set(
                    "args", arguments(call.path("function").path("arguments").asText()));
            if (carried.thoughtSignature() != null) {
                part.put("thoughtSignature", carried.thoughtSignature());
                anySignature = true;
            }
            firstCall = firstCall == null ? part : firstCall;
        }
        if (signaturesRequired && firstCall != null && !anySignature) {
            firstCall.put("thoughtSignature", FOREIGN_CALL_SIGNATURE);
        }
        return parts;
    }

    private void addResponse(String toolCallId, String fallbackName, JsonNode content) {
        if (pendingResponses == null) {
            pendingResponses = NODES.arrayNode();
        }
        ObjectNode response = pendingResponses.addObject().putObject("functionResponse");
        String geminiId = ToolCallIds.decode(toolCallId).geminiId();
        if (geminiId != null) {
            response.put("id", geminiId);
        }
        String name = callNames.getOrDefault(toolCallId, fallbackName);
        response.put("name", name.isEmpty() ? "unknown" : name);
        response.set("response", responseObject(ContentParts.text(content)));
    }

    private void flushResponses() {
        if (pendingResponses != null) {
            contents.addObject().put("role", "user").set("parts", pendingResponses);
            pendingResponses = null;
        }
    }

    /** Gemini's {@code args} must be an object; anything else the client sent becomes {}. */
    private static ObjectNode arguments(String json) {
        JsonNode parsed = parse(json);
        return parsed instanceof ObjectNode object ? object : NODES.objectNode();
    }

    /** Gemini's {@code response} must be an object: a JSON object result is kept, anything else wrapped. */
    private static ObjectNode responseObject(String text) {
        JsonNode parsed = parse(text);
        return parsed instanceof ObjectNode object ? object : NODES.objectNode().put("result", text);
    }

    private static JsonNode parse(String json) {
        if (json.isBlank()) {
            return null;
        }
        try {
            return WHOLE_VALUE.readTree(json);
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }
}
