package dev.freeway.loadtest.simulator;

import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/**
 * Renders replies as Cohere v2 chat answers: a message of text content, or of a tool plan and tool calls;
 * or the named events of a stream, each of whose data repeats its name as {@code type}.
 */
final class CohereJson {
    /** Cohere reports usage twice: as billed, and as the model counted it. */
    private static final String[] USAGE_KINDS = {"billed_units", "tokens"};

    private CohereJson() {}

    static Buffer completion(ChatReply reply) {
        return Buffer.buffer(JsonBytes.json(json -> {
            json.writeStartObject();
            json.writeStringField("id", reply.id());
            json.writeStringField("finish_reason", finishReason(reply));
            json.writeObjectFieldStart("message");
            json.writeStringField("role", "assistant");
            if (reply.toolCall() == null) {
                json.writeArrayFieldStart("content");
                json.writeStartObject();
                json.writeStringField("type", "text");
                json.writeStringField("text", reply.content());
                json.writeEndObject();
                json.writeEndArray();
            } else {
                json.writeStringField("tool_plan", toolPlan(reply));
                json.writeArrayFieldStart("tool_calls");
                toolCall(json, reply, reply.toolCall().arguments());
                json.writeEndArray();
            }
            json.writeEndObject();
            usage(json, reply);
            json.writeEndObject();
        }));
    }

    /** Cohere's models say what they plan before calling a tool; the plan is not counted as answer tokens. */
    static String toolPlan(ChatReply reply) {
        return "I will use " + reply.toolCall().name() + ".";
    }

    static Buffer messageStart(ChatReply reply) {
        return event("message-start", json -> {
            json.writeStringField("id", reply.id());
            json.writeObjectFieldStart("delta");
            json.writeObjectFieldStart("message");
            json.writeStringField("role", "assistant");
            json.writeArrayFieldStart("content");
            json.writeEndArray();
            json.writeStringField("tool_plan", "");
            json.writeArrayFieldStart("tool_calls");
            json.writeEndArray();
            json.writeArrayFieldStart("citations");
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    static Buffer contentStart() {
        return event("content-start", json -> {
            json.writeNumberField("index", 0);
            deltaMessage(json, "content", content -> {
                content.writeStringField("type", "text");
                content.writeStringField("text", "");
            });
        });
    }

    static Buffer contentDelta(String piece) {
        return event("content-delta", json -> {
            json.writeNumberField("index", 0);
            deltaMessage(json, "content", content -> content.writeStringField("text", piece));
        });
    }

    static Buffer contentEnd() {
        return event("content-end", json -> json.writeNumberField("index", 0));
    }

    static Buffer toolPlanDelta(ChatReply reply) {
        return event("tool-plan-delta", json -> {
            json.writeObjectFieldStart("delta");
            json.writeObjectFieldStart("message");
            json.writeStringField("tool_plan", toolPlan(reply));
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    /** The call's id and name, with empty arguments: those follow in fragments. */
    static Buffer toolCallStart(ChatReply reply) {
        return event("tool-call-start", json -> {
            json.writeNumberField("index", 0);
            json.writeObjectFieldStart("delta");
            json.writeObjectFieldStart("message");
            json.writeFieldName("tool_calls");
            toolCall(json, reply, "");
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    static Buffer toolCallDelta(String fragment) {
        return event("tool-call-delta", json -> {
            json.writeNumberField("index", 0);
            deltaMessage(json, "tool_calls", call -> {
                call.writeObjectFieldStart("function");
                call.writeStringField("arguments", fragment);
                call.writeEndObject();
            });
        });
    }

    static Buffer toolCallEnd() {
        return event("tool-call-end", json -> json.writeNumberField("index", 0));
    }

    static Buffer messageEnd(ChatReply reply) {
        return event("message-end", json -> {
            json.writeObjectFieldStart("delta");
            json.writeStringField("finish_reason", finishReason(reply));
            usage(json, reply);
            json.writeEndObject();
        });
    }

    private static String finishReason(ChatReply reply) {
        if (reply.toolCall() != null) {
            return "TOOL_CALL";
        }
        return reply.truncated() ? "MAX_TOKENS" : "COMPLETE";
    }

    private static void toolCall(JsonGenerator json, ChatReply reply, String arguments) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", reply.toolCall().id());
        json.writeStringField("type", "function");
        json.writeObjectFieldStart("function");
        json.writeStringField("name", reply.toolCall().name());
        json.writeStringField("arguments", arguments);
        json.writeEndObject();
        json.writeEndObject();
    }

    /** The simulator bills exactly the tokens it counts. */
    private static void usage(JsonGenerator json, ChatReply reply) throws IOException {
        json.writeObjectFieldStart("usage");
        for (String counted : USAGE_KINDS) {
            json.writeObjectFieldStart(counted);
            json.writeNumberField("input_tokens", reply.promptTokens());
            json.writeNumberField("output_tokens", reply.completionTokens());
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    /** {@code "delta":{"message":{"<field>":{...}}}}, the nesting most stream events share. */
    private static void deltaMessage(JsonGenerator json, String field, JsonBytes.Writer inner) throws IOException {
        json.writeObjectFieldStart("delta");
        json.writeObjectFieldStart("message");
        json.writeObjectFieldStart(field);
        inner.write(json);
        json.writeEndObject();
        json.writeEndObject();
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
