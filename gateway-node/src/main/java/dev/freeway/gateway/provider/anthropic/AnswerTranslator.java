package dev.freeway.gateway.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeway.gateway.provider.Usage;
import dev.freeway.gateway.provider.wire.Translated;
import dev.freeway.gateway.provider.wire.WireCall;
import dev.freeway.gateway.provider.wire.WireException;

/**
 * A Messages API answer as OpenAI's {@code chat.completion}: text blocks become the content,
 * thinking blocks {@code reasoning_content}, and {@code tool_use} blocks tool calls (or, for a
 * forced {@link JsonMode} answer, the content).
 */
final class AnswerTranslator {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AnswerTranslator() {}

    static Translated translate(JsonNode body, WireCall call) {
        if (!"message".equals(body.path("type").asText())
                || !body.path("content").isArray()) {
            throw new WireException("Anthropic's answer is not a message");
        }
        boolean answerTool = JsonMode.of(call.request()).forcedTool();
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        String json = null;
        ArrayNode toolCalls = NODES.arrayNode();
        for (JsonNode block : body.path("content")) {
            switch (block.path("type").asText("")) {
                case "text" -> text.append(block.path("text").asText(""));
                case "thinking" -> reasoning.append(block.path("thinking").asText(""));
                case "tool_use" -> {
                    if (answerTool
                            && JsonMode.TOOL_NAME.equals(block.path("name").asText())) {
                        json = arguments(block);
                    } else {
                        toolCalls.add(toolCall(block));
                    }
                }
                default -> {
                    // redacted thinking and server-tool blocks have no OpenAI counterpart
                }
            }
        }
        ObjectNode message = NODES.objectNode().put("role", "assistant");
        String content = json != null ? json : text.toString();
        if (content.isEmpty() && !toolCalls.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", content);
        }
        if (!reasoning.isEmpty()) {
            message.put("reasoning_content", reasoning.toString());
        }
        if (!toolCalls.isEmpty()) {
            message.set("tool_calls", toolCalls);
        }
        String finishReason = StopReasons.finishReason(body.path("stop_reason").textValue(), answerTool);
        Usage usage = TokenUsage.from(body.path("usage"));
        return new Translated(call.chunks().completion(message, finishReason, usage), usage);
    }

    private static ObjectNode toolCall(JsonNode block) {
        ObjectNode call = NODES.objectNode();
        call.put("id", block.path("id").asText(""));
        call.put("type", "function");
        call.putObject("function").put("name", block.path("name").asText("")).put("arguments", arguments(block));
        return call;
    }

    private static String arguments(JsonNode block) {
        JsonNode input = block.path("input");
        return input.isObject() ? input.toString() : "{}";
    }
}
