package dev.freeway.gateway.provider.wire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeway.gateway.provider.Usage;

/**
 * Builds OpenAI chat objects for translated answers: chunks of one stream share one id, created
 * time and model, as OpenAI's do.
 */
public final class ChunkBuilder {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String id;
    private final long created;
    private final String model;

    public ChunkBuilder(String id, long createdEpochSeconds, String model) {
        this.id = id;
        this.created = createdEpochSeconds;
        this.model = model;
    }

    /** A chunk whose only choice carries {@code delta} and, when not null, a finish reason. */
    public ObjectNode chunk(ObjectNode delta, String finishReason) {
        ObjectNode chunk = header("chat.completion.chunk");
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return chunk;
    }

    /** {@code {"role":"assistant","content":""}}: the opening delta. */
    public static ObjectNode roleDelta() {
        return NODES.objectNode().put("role", "assistant").put("content", "");
    }

    public static ObjectNode contentDelta(String text) {
        return NODES.objectNode().put("content", text);
    }

    /** The first delta of a tool call: index, id, type and name, with the arguments known so far. */
    public static ObjectNode toolCallStart(int index, String callId, String name, String arguments) {
        ObjectNode delta = NODES.objectNode();
        ObjectNode call = delta.putArray("tool_calls").addObject();
        call.put("index", index).put("id", callId).put("type", "function");
        call.putObject("function").put("name", name).put("arguments", arguments);
        return delta;
    }

    /** A later fragment of a tool call's arguments. */
    public static ObjectNode toolCallArguments(int index, String fragment) {
        ObjectNode delta = NODES.objectNode();
        ObjectNode call = delta.putArray("tool_calls").addObject();
        call.put("index", index);
        call.putObject("function").put("arguments", fragment);
        return delta;
    }

    /** The usage-only chunk OpenAI sends last when {@code stream_options.include_usage} is set. */
    public ObjectNode usageChunk(Usage usage) {
        ObjectNode chunk = header("chat.completion.chunk");
        chunk.putArray("choices");
        chunk.set("usage", usage(usage));
        return chunk;
    }

    /**
     * A complete {@code chat.completion} with one choice.
     *
     * @param message the assistant message ({@code role}, {@code content}, optional {@code tool_calls})
     */
    public ObjectNode completion(ObjectNode message, String finishReason, Usage usage) {
        ObjectNode completion = header("chat.completion");
        ArrayNode choices = completion.putArray("choices");
        ObjectNode choice = choices.addObject();
        choice.put("index", 0);
        choice.set("message", message);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        if (usage.known()) {
            completion.set("usage", usage(usage));
        }
        return completion;
    }

    private static ObjectNode usage(Usage usage) {
        return NODES.objectNode()
                .put("prompt_tokens", usage.promptTokens())
                .put("completion_tokens", usage.completionTokens())
                .put("total_tokens", usage.total());
    }

    private ObjectNode header(String object) {
        ObjectNode node = NODES.objectNode();
        node.put("id", id).put("object", object).put("created", created).put("model", model);
        return node;
    }
}
