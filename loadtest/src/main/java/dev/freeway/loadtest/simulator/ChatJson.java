package dev.freeway.loadtest.simulator;

import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Renders replies exactly as OpenAI does: a {@code chat.completion} body, or {@code chat.completion.chunk} events. */
final class ChatJson {
    private static final String FINGERPRINT = "fp_sim";
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private ChatJson() {}

    static Buffer completion(ChatReply reply) {
        return Buffer.buffer(JsonBytes.json(json -> {
            json.writeStartObject();
            header(json, reply, "chat.completion");
            json.writeArrayFieldStart("choices");
            json.writeStartObject();
            json.writeNumberField("index", 0);
            json.writeObjectFieldStart("message");
            json.writeStringField("role", "assistant");
            json.writeStringField("content", reply.content());
            json.writeNullField("refusal");
            if (reply.toolCall() != null) {
                json.writeArrayFieldStart("tool_calls");
                toolCall(json, reply.toolCall(), reply.toolCall().arguments(), false);
                json.writeEndArray();
            }
            json.writeEndObject();
            json.writeNullField("logprobs");
            json.writeStringField("finish_reason", reply.finishReason());
            json.writeEndObject();
            json.writeEndArray();
            usage(json, reply);
            json.writeEndObject();
        }));
    }

    /** The first chunk: the role, plus the call's id and name when the model calls a tool. */
    static Buffer firstChunk(ChatReply reply, boolean includeUsage) {
        return chunk(reply, includeUsage, null, json -> {
            json.writeStringField("role", "assistant");
            json.writeStringField("content", reply.toolCall() == null ? "" : null);
            if (reply.toolCall() != null) {
                json.writeArrayFieldStart("tool_calls");
                toolCall(json, reply.toolCall(), "", true);
                json.writeEndArray();
            }
        });
    }

    /** A chunk carrying one piece of {@link ChatReply#streamPieces()}. */
    static Buffer pieceChunk(ChatReply reply, boolean includeUsage, String piece) {
        return chunk(reply, includeUsage, null, json -> {
            if (reply.toolCall() == null) {
                json.writeStringField("content", piece);
                return;
            }
            json.writeArrayFieldStart("tool_calls");
            json.writeStartObject();
            json.writeNumberField("index", 0);
            json.writeObjectFieldStart("function");
            json.writeStringField("arguments", piece);
            json.writeEndObject();
            json.writeEndObject();
            json.writeEndArray();
        });
    }

    static Buffer finishChunk(ChatReply reply, boolean includeUsage) {
        return chunk(reply, includeUsage, reply.finishReason(), json -> {});
    }

    /** The trailing chunk OpenAI sends for {@code stream_options.include_usage}: no choices, only usage. */
    static Buffer usageChunk(ChatReply reply) {
        return Buffer.buffer(JsonBytes.sseEvent(json -> {
            json.writeStartObject();
            header(json, reply, "chat.completion.chunk");
            json.writeArrayFieldStart("choices");
            json.writeEndArray();
            usage(json, reply);
            json.writeEndObject();
        }));
    }

    static Buffer done() {
        return Buffer.buffer(DONE);
    }

    private static Buffer chunk(ChatReply reply, boolean includeUsage, String finishReason, JsonBytes.Writer delta) {
        return Buffer.buffer(JsonBytes.sseEvent(json -> {
            json.writeStartObject();
            header(json, reply, "chat.completion.chunk");
            json.writeArrayFieldStart("choices");
            json.writeStartObject();
            json.writeNumberField("index", 0);
            json.writeObjectFieldStart("delta");
            delta.write(json);
            json.writeEndObject();
            json.writeNullField("logprobs");
            json.writeStringField("finish_reason", finishReason);
            json.writeEndObject();
            json.writeEndArray();
            if (includeUsage) {
                json.writeNullField("usage");
            }
            json.writeEndObject();
        }));
    }

    private static void header(JsonGenerator json, ChatReply reply, String object) throws IOException {
        json.writeStringField("id", reply.id());
        json.writeStringField("object", object);
        json.writeNumberField("created", reply.created());
        json.writeStringField("model", reply.model());
        json.writeStringField("system_fingerprint", FINGERPRINT);
    }

    /** Streamed tool calls carry an index so fragments can be matched up; complete ones do not. */
    private static void toolCall(JsonGenerator json, ChatReply.ToolCall call, String arguments, boolean streamed)
            throws IOException {
        json.writeStartObject();
        if (streamed) {
            json.writeNumberField("index", 0);
        }
        json.writeStringField("id", call.id());
        json.writeStringField("type", "function");
        json.writeObjectFieldStart("function");
        json.writeStringField("name", call.name());
        json.writeStringField("arguments", arguments);
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void usage(JsonGenerator json, ChatReply reply) throws IOException {
        json.writeObjectFieldStart("usage");
        json.writeNumberField("prompt_tokens", reply.promptTokens());
        json.writeNumberField("completion_tokens", reply.completionTokens());
        json.writeNumberField("total_tokens", reply.totalTokens());
        json.writeEndObject();
    }
}
