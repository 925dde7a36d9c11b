package dev.freeway.loadtest.simulator;

import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/**
 * Renders replies as Anthropic messages: a {@code message} with one content block ({@code text} or
 * {@code tool_use}), or the named events of a stream.
 */
final class AnthropicJson {
    private static final byte[] PING = JsonBytes.sseEvent("ping", json -> {
        json.writeStartObject();
        json.writeStringField("type", "ping");
        json.writeEndObject();
    });
    private static final byte[] BLOCK_STOP = JsonBytes.sseEvent("content_block_stop", json -> {
        json.writeStartObject();
        json.writeStringField("type", "content_block_stop");
        json.writeNumberField("index", 0);
        json.writeEndObject();
    });
    private static final byte[] MESSAGE_STOP = JsonBytes.sseEvent("message_stop", json -> {
        json.writeStartObject();
        json.writeStringField("type", "message_stop");
        json.writeEndObject();
    });

    private AnthropicJson() {}

    static Buffer completion(ChatReply reply) {
        return Buffer.buffer(JsonBytes.json(json -> {
            json.writeStartObject();
            messageHeader(json, reply);
            json.writeArrayFieldStart("content");
            block(json, reply, reply.content(), true);
            json.writeEndArray();
            json.writeStringField("stop_reason", stopReason(reply));
            json.writeNullField("stop_sequence");
            json.writeObjectFieldStart("usage");
            json.writeNumberField("input_tokens", reply.promptTokens());
            json.writeNumberField("output_tokens", reply.completionTokens());
            json.writeEndObject();
            json.writeEndObject();
        }));
    }

    /** The message without content; like Anthropic's, its usage so far counts one output token. */
    static Buffer messageStart(ChatReply reply) {
        return event("message_start", json -> {
            json.writeObjectFieldStart("message");
            messageHeader(json, reply);
            json.writeArrayFieldStart("content");
            json.writeEndArray();
            json.writeNullField("stop_reason");
            json.writeNullField("stop_sequence");
            json.writeObjectFieldStart("usage");
            json.writeNumberField("input_tokens", reply.promptTokens());
            json.writeNumberField("output_tokens", 1);
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    /** The block, empty: text comes in text deltas, a tool's input in JSON fragments. */
    static Buffer blockStart(ChatReply reply) {
        return event("content_block_start", json -> {
            json.writeNumberField("index", 0);
            json.writeFieldName("content_block");
            block(json, reply, "", false);
        });
    }

    static Buffer ping() {
        return Buffer.buffer(PING);
    }

    /** One piece of {@link ChatReply#streamPieces()}: a word of text or a fragment of the tool's input JSON. */
    static Buffer delta(ChatReply reply, String piece) {
        return event("content_block_delta", json -> {
            json.writeNumberField("index", 0);
            json.writeObjectFieldStart("delta");
            if (reply.toolCall() == null) {
                json.writeStringField("type", "text_delta");
                json.writeStringField("text", piece);
            } else {
                json.writeStringField("type", "input_json_delta");
                json.writeStringField("partial_json", piece);
            }
            json.writeEndObject();
        });
    }

    static Buffer blockStop() {
        return Buffer.buffer(BLOCK_STOP);
    }

    /** The stop reason and the final, cumulative output tokens. */
    static Buffer messageDelta(ChatReply reply) {
        return event("message_delta", json -> {
            json.writeObjectFieldStart("delta");
            json.writeStringField("stop_reason", stopReason(reply));
            json.writeNullField("stop_sequence");
            json.writeEndObject();
            json.writeObjectFieldStart("usage");
            json.writeNumberField("output_tokens", reply.completionTokens());
            json.writeEndObject();
        });
    }

    static Buffer messageStop() {
        return Buffer.buffer(MESSAGE_STOP);
    }

    private static String stopReason(ChatReply reply) {
        if (reply.toolCall() != null) {
            return "tool_use";
        }
        return reply.truncated() ? "max_tokens" : "end_turn";
    }

    private static void messageHeader(JsonGenerator json, ChatReply reply) throws IOException {
        json.writeStringField("id", reply.id());
        json.writeStringField("type", "message");
        json.writeStringField("role", "assistant");
        json.writeStringField("model", reply.model());
    }

    /** @param whole whether the tool's input is written in full, or as the empty object a stream starts with */
    private static void block(JsonGenerator json, ChatReply reply, String text, boolean whole) throws IOException {
        json.writeStartObject();
        if (reply.toolCall() == null) {
            json.writeStringField("type", "text");
            json.writeStringField("text", text);
        } else {
            json.writeStringField("type", "tool_use");
            json.writeStringField("id", reply.toolCall().id());
            json.writeStringField("name", reply.toolCall().name());
            json.writeFieldName("input");
            json.writeRawValue(whole ? reply.toolCall().arguments() : "{}");
        }
        json.writeEndObject();
    }

    /** An event whose data is an object of {@code type} {@code name} and the written fields. */
    private static Buffer event(String name, JsonBytes.Writer fields) {
        return Buffer.buffer(JsonBytes.sseEvent(name, json -> {
            json.writeStartObject();
            json.writeStringField("type", name);
            fields.write(json);
            json.writeEndObject();
        }));
    }
}
