package dev.freeway.loadtest.simulator;

import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Renders replies as Gemini's {@code GenerateContentResponse}: text or a {@code functionCall} part in the
 * one candidate, {@code finishReason} and {@code usageMetadata}. A streamed chunk is the same object with
 * one part; its usage counts the answer so far, so the last chunk holds the totals.
 */
final class GeminiJson {
    private static final byte[] SSE_PREFIX = "data: ".getBytes(StandardCharsets.US_ASCII);
    /** Google's front ends end events with CRLF (seen on Vertex AI); gateways must split on either. */
    private static final byte[] SSE_SUFFIX = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private GeminiJson() {}

    static Buffer completion(ChatReply reply) {
        return Buffer.buffer(
                JsonBytes.json(json -> response(json, reply, reply.content(), true, reply.completionTokens())));
    }

    /**
     * One streamed chunk: the function call whole, or one piece of the text.
     *
     * @param answeredTokens the reply's tokens up to and including this chunk
     */
    static Buffer chunk(ChatReply reply, String piece, boolean last, int answeredTokens) {
        return Buffer.buffer(
                JsonBytes.framed(SSE_PREFIX, json -> response(json, reply, piece, last, answeredTokens), SSE_SUFFIX));
    }

    /** Gemini says STOP for function calls too: only the part tells a call from text. */
    static String finishReason(ChatReply reply) {
        return reply.truncated() ? "MAX_TOKENS" : "STOP";
    }

    private static void response(JsonGenerator json, ChatReply reply, String text, boolean last, int answeredTokens)
            throws IOException {
        json.writeStartObject();
        json.writeArrayFieldStart("candidates");
        json.writeStartObject();
        json.writeObjectFieldStart("content");
        json.writeArrayFieldStart("parts");
        json.writeStartObject();
        if (reply.toolCall() == null) {
            json.writeStringField("text", text);
        } else {
            json.writeObjectFieldStart("functionCall");
            json.writeStringField("name", reply.toolCall().name());
            json.writeFieldName("args");
            json.writeRawValue(reply.toolCall().arguments());
            json.writeEndObject();
        }
        json.writeEndObject();
        json.writeEndArray();
        json.writeStringField("role", "model");
        json.writeEndObject();
        if (last) {
            json.writeStringField("finishReason", finishReason(reply));
        }
        json.writeNumberField("index", 0);
        json.writeEndObject();
        json.writeEndArray();
        json.writeObjectFieldStart("usageMetadata");
        json.writeNumberField("promptTokenCount", reply.promptTokens());
        json.writeNumberField("candidatesTokenCount", answeredTokens);
        json.writeNumberField("totalTokenCount", reply.promptTokens() + answeredTokens);
        json.writeEndObject();
        json.writeStringField("modelVersion", reply.model());
        json.writeStringField("responseId", reply.id());
        json.writeEndObject();
    }
}
