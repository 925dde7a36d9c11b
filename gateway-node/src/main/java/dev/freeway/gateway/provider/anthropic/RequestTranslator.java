package dev.freeway.gateway.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeway.gateway.provider.wire.WireCall;

/**
 * Builds the Messages API body from an OpenAI chat body. OpenAI fields without an Anthropic
 * counterpart ({@code n}, penalties, {@code logit_bias}, {@code logprobs}, {@code seed},
 * {@code stream_options}, ...) are left out rather than rejected, as OpenAI-compatible servers do.
 */
final class RequestTranslator {
    /** Anthropic requires {@code max_tokens}; this is sent when the client set no cap. */
    static final int DEFAULT_MAX_TOKENS = 4096;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RequestTranslator() {}

    static ObjectNode body(WireCall call) {
        ObjectNode request = call.request();
        ObjectNode body = NODES.objectNode();
        body.put("model", call.upstreamModel());
        int maxTokens = maxTokens(request);
        body.put("max_tokens", maxTokens);

        JsonMode json = JsonMode.of(request);
        Conversation conversation = Conversation.translate(request.path("messages"));
        String system = Conversation.paragraphs(conversation.system(), json.instruction());
        if (!system.isEmpty()) {
            body.put("system", system);
        }
        body.set("messages", conversation.messages());
        if (json.forcedTool()) {
            json.applyTool(body);
        } else {
            Tools.apply(request, body);
        }

        ObjectNode thinking = Thinking.config(request, maxTokens, json.forcedTool());
        if (thinking != null) {
            body.set("thinking", thinking);
        }
        sampling(request, body, thinking != null);
        stopSequences(request, body);
        user(request, body);
        if (call.stream()) {
            body.put("stream", true);
        }
        return body;
    }

    private static int maxTokens(JsonNode request) {
        int cap = request.path("max_completion_tokens").asInt(0);
        if (cap <= 0) {
            cap = request.path("max_tokens").asInt(0);
        }
        return cap > 0 ? cap : DEFAULT_MAX_TOKENS;
    }

    /**
     * Anthropic's temperature stops at 1, not 2. Thinking forbids a temperature and allows top_p
     * only from 0.95, and recent models refuse temperature and top_p together, so temperature wins.
     */
    private static void sampling(JsonNode request, ObjectNode body, boolean thinking) {
        JsonNode temperature = request.path("temperature");
        JsonNode topP = request.path("top_p");
        if (thinking) {
            if (topP.isNumber() && topP.doubleValue() >= 0.95) {
                body.set("top_p", topP.deepCopy());
            }
        } else if (temperature.isNumber()) {
            if (temperature.doubleValue() > 1) {
                body.put("temperature", 1.0);
            } else {
                body.set("temperature", temperature.deepCopy());
            }
        } else if (topP.isNumber()) {
            body.set("top_p", topP.deepCopy());
        }
    }

    /** Anthropic rejects empty and whitespace-only stop sequences, so those are dropped. */
    private static void stopSequences(JsonNode request, ObjectNode body) {
        JsonNode stop = request.path("stop");
        ArrayNode sequences = NODES.arrayNode();
        if (stop.isTextual()) {
            addSequence(sequences, stop);
        } else if (stop.isArray()) {
            stop.forEach(sequence -> addSequence(sequences, sequence));
        }
        if (!sequences.isEmpty()) {
            body.set("stop_sequences", sequences);
        }
    }

    private static void addSequence(ArrayNode sequences, JsonNode sequence) {
        if (sequence.isTextual() && !sequence.textValue().isBlank()) {
            sequences.add(sequence.textValue());
        }
    }

    private static void user(JsonNode request, ObjectNode body) {
        JsonNode user = request.path("user");
        if (user.isTextual() && !user.textValue().isBlank()) {
            body.putObject("metadata").put("user_id", user.textValue());
        }
    }
}
