package dev.freeway.gateway.provider.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeway.gateway.provider.UpstreamFailure.Axis;
import dev.freeway.gateway.provider.UpstreamFailure.Kind;
import dev.freeway.gateway.provider.Usage;
import dev.freeway.gateway.provider.wire.ChunkBuilder;
import dev.freeway.gateway.provider.wire.ErrorReading;
import dev.freeway.gateway.provider.wire.StreamTranslator;
import dev.freeway.gateway.provider.wire.WireCall;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One Cohere v2 chat stream as OpenAI chunks. Text deltas become {@code content}; thinking deltas
 * and tool-plan deltas become {@code reasoning_content}, as in {@link CohereAnswer}. Block and
 * citation boundaries and {@code debug} events carry nothing OpenAI has a place for.
 *
 * <p>Cohere has no error event: a failed generation ends with a {@code message-end} whose
 * {@code finish_reason} is {@code ERROR} or {@code TIMEOUT} and whose {@code delta.error} may say
 * why. That ends the stream with an {@link ErrorEvent}, after its usage was recorded.
 */
final class CohereStream implements StreamTranslator {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ChunkBuilder chunks;
    private final String completionId;
    /** Cohere's tool-call index to OpenAI's, which counts tool calls only. */
    private final Map<Integer, Integer> callIndexes = new HashMap<>();

    private int lastCall = -1;
    private boolean started;
    private boolean finished;
    private Usage usage = Usage.UNKNOWN;

    CohereStream(WireCall call) {
        this.chunks = call.chunks();
        this.completionId = call.completionId();
    }

    @Override
    public void onEvent(JsonNode event, Consumer<ObjectNode> out) {
        JsonNode message = event.path("delta").path("message");
        switch (event.path("type").asText("")) {
            case "message-start" -> start(out);
            case "content-start", "content-delta" -> content(message.path("content"), out);
            case "tool-plan-delta" -> reasoning(message.path("tool_plan").asText(""), out);
            case "tool-call-start" -> toolCallStart(event.path("index"), message.path("tool_calls"), out);
            case "tool-call-delta" -> toolCallDelta(event.path("index"), message.path("tool_calls"), out);
            case "message-end" -> end(event.path("delta"), out);
            case "" -> untyped(event);
            default -> {}
        }
    }

    @Override
    public void onEnd(Consumer<ObjectNode> out) {
        if (!finished) {
            emit(NODES.objectNode(), lastCall >= 0 ? "tool_calls" : "stop", out);
        }
    }

    @Override
    public Usage usage() {
        return usage;
    }

    private void start(Consumer<ObjectNode> out) {
        if (!started) {
            started = true;
            out.accept(chunks.chunk(ChunkBuilder.roleDelta(), null));
        }
    }

    private void content(JsonNode content, Consumer<ObjectNode> out) {
        reasoning(content.path("thinking").asText(""), out);
        String text = content.path("text").asText("");
        if (!text.isEmpty()) {
            emit(ChunkBuilder.contentDelta(text), null, out);
        }
    }

    private void reasoning(String text, Consumer<ObjectNode> out) {
        if (!text.isEmpty()) {
            emit(NODES.objectNode().put("reasoning_content", text), null, out);
        }
    }

    private void toolCallStart(JsonNode cohereIndex, JsonNode call, Consumer<ObjectNode> out) {
        int index = callIndexes.size();
        callIndexes.put(cohereIndex.asInt(index), index);
        lastCall = index;
        JsonNode function = call.path("function");
        String id = ToolCallIds.orFallback(call.path("id").asText(""), completionId, index);
        emit(
                ChunkBuilder.toolCallStart(
                        index,
                        id,
                        function.path("name").asText(),
                        function.path("arguments").asText("")),
                null,
                out);
    }

    private void toolCallDelta(JsonNode cohereIndex, JsonNode call, Consumer<ObjectNode> out) {
        String fragment = call.path("function").path("arguments").asText("");
        Integer index = cohereIndex.isNumber() ? callIndexes.get(cohereIndex.asInt()) : Integer.valueOf(lastCall);
        if (!fragment.isEmpty() && index != null && index >= 0) {
            emit(ChunkBuilder.toolCallArguments(index, fragment), null, out);
        }
    }

    private void end(JsonNode delta, Consumer<ObjectNode> out) {
        Usage reported = CohereUsage.read(delta.path("usage"));
        if (reported.known()) {
            usage = reported;
        }
        String reason = delta.path("finish_reason").asText("");
        String error = delta.path("error").asText("");
        if (CohereFinishReason.failed(reason) || !error.isEmpty()) {
            finished = true;
            Kind kind = reason.equals("TIMEOUT") ? Kind.TIMEOUT : Kind.SERVER_ERROR;
            String why = error.isEmpty() ? "Cohere ended the stream with finish_reason " + reason : error;
            throw new ErrorEvent(new ErrorReading(kind, Axis.UNKNOWN, 0, why));
        }
        emit(NODES.objectNode(), CohereFinishReason.toOpenAi(reason), out);
    }

    /** An event without a type that has a {@code message} is Cohere's error object. */
    private void untyped(JsonNode event) {
        JsonNode message = event.path("message");
        if (message.isTextual()) {
            finished = true;
            throw new ErrorEvent(new ErrorReading(Kind.SERVER_ERROR, Axis.UNKNOWN, 0, message.asText()));
        }
    }

    private void emit(ObjectNode delta, String finishReason, Consumer<ObjectNode> out) {
        start(out);
        out.accept(chunks.chunk(delta, finishReason));
        if (finishReason != null) {
            finished = true;
        }
    }
}
