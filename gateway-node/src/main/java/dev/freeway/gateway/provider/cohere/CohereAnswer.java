package dev.freeway.gateway.provider.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeway.gateway.provider.Usage;
import dev.freeway.gateway.provider.wire.Translated;
import dev.freeway.gateway.provider.wire.WireCall;
import dev.freeway.gateway.provider.wire.WireException;

/**
 * A Cohere v2 chat answer as OpenAI's {@code chat.completion}. Text parts become {@code content};
 * thinking parts and the tool plan (the model's note on which tools it will call and why) become
 * {@code reasoning_content}, which OpenAI clients that do not know it ignore.
 *
 * <p>OpenAI has no finish reason for a failed generation. An {@code ERROR} or {@code TIMEOUT}
 * answer that still carries text or tool calls is returned with the finish reason its content
 * implies, because the client already paid for it and a retry elsewhere would pay again; one that
 * carries nothing is a {@link WireException}, so the attempt fails over.
 */
final class CohereAnswer {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CohereAnswer() {}

    static Translated translate(JsonNode body, WireCall call) {
        JsonNode message = body.path("message");
        if (!message.isObject()) {
            throw new WireException("Cohere answer has no message");
        }
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        for (JsonNode part : message.path("content")) {
            switch (part.path("type").asText("")) {
                case "text" -> text.append(part.path("text").asText());
                case "thinking" -> reasoning.append(part.path("thinking").asText());
                default -> {}
            }
        }
        reasoning.append(message.path("tool_plan").asText(""));
        ArrayNode calls = toolCalls(message.path("tool_calls"), call.completionId());

        String reason = body.path("finish_reason").asText("");
        String finish;
        if (CohereFinishReason.failed(reason)) {
            if (text.isEmpty() && calls.isEmpty()) {
                throw new WireException("Cohere answer ended with finish_reason " + reason + " and no content");
            }
            finish = calls.isEmpty() ? "stop" : "tool_calls";
        } else {
            finish = CohereFinishReason.toOpenAi(reason);
        }

        ObjectNode out = NODES.objectNode().put("role", "assistant");
        if (!text.isEmpty() || calls.isEmpty()) {
            out.put("content", text.toString());
        } else {
            out.putNull("content");
        }
        if (!reasoning.isEmpty()) {
            out.put("reasoning_content", reasoning.toString());
        }
        if (!calls.isEmpty()) {
            out.set("tool_calls", calls);
        }
        Usage usage = CohereUsage.read(body.path("usage"));
        return new Translated(call.chunks().completion(out, finish, usage), usage);
    }

    private static ArrayNode toolCalls(JsonNode calls, String completionId) {
        ArrayNode out = NODES.arrayNode();
        int index = 0;
        for (JsonNode call : calls) {
            JsonNode function = call.path("function");
            String id = ToolCallIds.orFallback(call.path("id").asText(""), completionId, index++);
            ObjectNode openAi = out.addObject().put("id", id).put("type", "function");
            openAi.putObject("function")
                    .put("name", function.path("name").asText())
                    .put("arguments", arguments(function.path("arguments")));
        }
        return out;
    }

    /** Cohere sends {@code "null"} as the arguments of a tool that takes none; OpenAI sends an object. */
    private static String arguments(JsonNode arguments) {
        String text = arguments.asText("");
        return text.isEmpty() || text.equals("null") ? "{}" : text;
    }
}
