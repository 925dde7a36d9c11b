package dev.freeway.gateway.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeway.gateway.provider.Usage;
import dev.freeway.gateway.provider.wire.Translated;
import dev.freeway.gateway.provider.wire.WireCall;
import dev.freeway.gateway.provider.wire.WireException;

/**
 * A {@code GenerateContentResponse} as a {@code chat.completion}: one choice per candidate, thought
 * summaries as {@code reasoning_content}, function calls as {@code tool_calls}. A prompt Gemini
 * blocked (no candidates, a {@code promptFeedback}) becomes an empty {@code content_filter} answer.
 */
final class AnswerTranslator {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AnswerTranslator() {}

    static Translated translate(JsonNode body, WireCall call) {
        JsonNode candidates = body.path("candidates");
        boolean hasCandidates = candidates.isArray() && !candidates.isEmpty();
        if (!hasCandidates && !body.path("promptFeedback").isObject()) {
            throw new WireException("Gemini answer has neither candidates nor promptFeedback");
        }
        Usage usage = UsageMetadata.read(body.path("usageMetadata"));
        if (!hasCandidates) {
            ObjectNode message = NODES.objectNode().put("role", "assistant").put("content", "");
            return new Translated(call.chunks().completion(message, "content_filter", usage), usage);
        }
        ObjectNode completion = null;
        int position = 0;
        for (JsonNode candidate : candidates) {
            Choice choice = new Choice(call.completionId(), position);
            choice.read(candidate.path("content").path("parts"));
            position = choice.nextPosition;
            String finish =
                    FinishReasons.toOpenAi(candidate.path("finishReason").asText(), !choice.toolCalls.isEmpty());
            ObjectNode single = call.chunks().completion(choice.message(), finish, usage);
            if (completion == null) {
                completion = single;
            } else {
                // n > 1: the builder makes one-choice answers, so later choices are moved over.
                ArrayNode choices = (ArrayNode) completion.path("choices");
                ObjectNode moved = (ObjectNode) single.path("choices").get(0);
                choices.add(moved.put("index", choices.size()));
            }
        }
        return new Translated(completion, usage);
    }

    /** One candidate's parts, gathered into an assistant message. */
    private static final class Choice {
        private final String completionId;
        private final StringBuilder text = new StringBuilder();
        private final StringBuilder reasoning = new StringBuilder();
        private final ArrayNode toolCalls = NODES.arrayNode();
        private int nextPosition;

        Choice(String completionId, int firstPosition) {
            this.completionId = completionId;
            this.nextPosition = firstPosition;
        }

        void read(JsonNode parts) {
            for (JsonNode part : parts) {
                if (part.has("functionCall")) {
                    ObjectNode toolCall = toolCalls.addObject();
                    toolCall.put("id", FunctionCalls.openAiId(part, completionId, nextPosition++));
                    toolCall.put("type", "function");
                    toolCall.putObject("function")
                            .put("name", FunctionCalls.name(part))
                            .put("arguments", FunctionCalls.arguments(part));
                } else if (part.path("text").isTextual()) {
                    (part.path("thought").asBoolean(false) ? reasoning : text)
                            .append(part.path("text").asText());
                }
            }
        }

        ObjectNode message() {
            ObjectNode message = NODES.objectNode().put("role", "assistant");
            if (text.isEmpty() && !toolCalls.isEmpty()) {
                message.putNull("content");
            } else {
                message.put("content", text.toString());
            }
            if (!reasoning.isEmpty()) {
                message.put("reasoning_content", reasoning.toString());
            }
            if (!toolCalls.isEmpty()) {
                message.set("tool_calls", toolCalls);
            }
            return message;
        }
    }
}
