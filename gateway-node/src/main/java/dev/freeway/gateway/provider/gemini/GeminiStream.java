package dev.freeway.gateway.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeway.gateway.provider.Usage;
import dev.freeway.gateway.provider.wire.ChunkBuilder;
import dev.freeway.gateway.provider.wire.StreamTranslator;
import dev.freeway.gateway.provider.wire.WireCall;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One {@code streamGenerateContent?alt=sse} stream as OpenAI chunks. Each event is a partial
 * {@code GenerateContentResponse}; there is no end marker, the body just ends. Gemini sends each
 * function call whole, so a call becomes one tool-call delta with its complete arguments. Used by
 * one stream only.
 */
final class GeminiStream implements StreamTranslator {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ChunkBuilder chunks;
    private final String completionId;
    private final Map<Integer, Choice> choices = new TreeMap<>();
    private int callsSoFar;
    private Usage usage = Usage.UNKNOWN;

    GeminiStream(WireCall call) {
        this.chunks = call.chunks();
        this.completionId = call.completionId();
    }

    /** Per candidate: whether it was opened (role sent) and closed (finish sent), and its calls. */
    private static final class Choice {
        private final int index;
        private boolean opened;
        private boolean finished;
        private int toolCalls;

        Choice(int index) {
            this.index = index;
        }
    }

    @Override
    public void onEvent(JsonNode event, Consumer<ObjectNode> out) {
        if (event.has("error")) {
            throw new ErrorEvent(
                    ErrorReader.read(event.path("error").path("code").asInt(0), event));
        }
        if (event.path("usageMetadata").isObject()) {
            usage = UsageMetadata.read(event.path("usageMetadata"));
        }
        JsonNode candidates = event.path("candidates");
        if (candidates.isEmpty()
                && event.path("promptFeedback").path("blockReason").isTextual()) {
            finish(choice(0), "content_filter", out);
            return;
        }
        for (JsonNode candidate : candidates) {
            Choice choice = choice(candidate.path("index").asInt(0));
            if (choice.finished) {
                continue;
            }
            open(choice, out);
            for (JsonNode part : candidate.path("content").path("parts")) {
                emitPart(choice, part, out);
            }
            String reason = candidate.path("finishReason").asText("");
            if (!reason.isEmpty()) {
                finish(choice, FinishReasons.toOpenAi(reason, choice.toolCalls > 0), out);
            }
        }
    }

    @Override
    public void onEnd(Consumer<ObjectNode> out) {
        if (choices.isEmpty()) {
            choice(0);
        }
        for (Choice choice : choices.values()) {
            finish(choice, choice.toolCalls > 0 ? "tool_calls" : "stop", out);
        }
    }

    @Override
    public Usage usage() {
        return usage;
    }

    private Choice choice(int index) {
        return choices.computeIfAbsent(index, Choice::new);
    }

    private void emitPart(Choice choice, JsonNode part, Consumer<ObjectNode> out) {
        if (part.has("functionCall")) {
            String id = FunctionCalls.openAiId(part, completionId, callsSoFar++);
            ObjectNode delta = ChunkBuilder.toolCallStart(
                    choice.toolCalls++, id, FunctionCalls.name(part), FunctionCalls.arguments(part));
            out.accept(chunk(choice, delta, null));
            return;
        }
        String text = part.path("text").asText("");
        if (text.isEmpty()) {
            return;
        }
        ObjectNode delta = part.path("thought").asBoolean(false)
                ? NODES.objectNode().put("reasoning_content", text)
                : ChunkBuilder.contentDelta(text);
        out.accept(chunk(choice, delta, null));
    }

    private void open(Choice choice, Consumer<ObjectNode> out) {
        if (!choice.opened) {
            choice.opened = true;
            out.accept(chunk(choice, ChunkBuilder.roleDelta(), null));
        }
    }

    private void finish(Choice choice, String reason, Consumer<ObjectNode> out) {
        if (choice.finished) {
            return;
        }
        open(choice, out);
        choice.finished = true;
        out.accept(chunk(choice, NODES.objectNode(), reason));
    }

    /** A chunk for {@code choice}; the builder numbers every choice 0. */
    private ObjectNode chunk(Choice choice, ObjectNode delta, String reason) {
        ObjectNode chunk = chunks.chunk(delta, reason);
        if (choice.index != 0) {
            ((ObjectNode) chunk.path("choices").get(0)).put("index", choice.index);
        }
        return chunk;
    }
}
