package dev.freeway.gateway.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeway.gateway.provider.Usage;
import dev.freeway.gateway.provider.wire.ChunkBuilder;
import dev.freeway.gateway.provider.wire.StreamTranslator;
import dev.freeway.gateway.provider.wire.WireCall;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One Messages API stream as OpenAI chunks. Nothing is emitted before the first content, so an
 * error event that comes first still finds the client untouched and the attempt can fail over.
 * Tool calls are numbered by their order among tool calls, not by Anthropic's block index, which
 * also counts text and thinking blocks.
 */
final class AnthropicStreamTranslator implements StreamTranslator {
    /** Marks the block of the forced {@link JsonMode} tool, whose input is the message content. */
    private static final int ANSWER_BLOCK = -1;

    private final ChunkBuilder chunks;
    private final boolean answerTool;
    private final Map<Integer, Integer> toolCallByBlock = new HashMap<>();
    private int toolCalls;
    private boolean started;
    private boolean finished;
    private String stopReason;
    private long promptTokens = -1;
    private long completionTokens;

    AnthropicStreamTranslator(WireCall call) {
        this.chunks = call.chunks();
        this.answerTool = JsonMode.of(call.request()).forcedTool();
    }

    @Override
    public void onEvent(JsonNode event, Consumer<ObjectNode> out) {
        switch (event.path("type").asText("")) {
            case "message_start" -> countTokens(event.path("message").path("usage"));
            case "content_block_start" -> blockStart(event.path("index").asInt(), event.path("content_block"), out);
            case "content_block_delta" -> blockDelta(event.path("index").asInt(), event.path("delta"), out);
            case "message_delta" -> messageDelta(event, out);
            case "error" -> throw new ErrorEvent(ErrorClassifier.streamError(event));
            default -> {
                // ping, content_block_stop and message_stop carry nothing a chunk needs
            }
        }
    }

    @Override
    public void onEnd(Consumer<ObjectNode> out) {
        finish(out);
    }

    @Override
    public Usage usage() {
        return promptTokens < 0 ? Usage.UNKNOWN : new Usage(promptTokens, completionTokens);
    }

    private void blockStart(int index, JsonNode block, Consumer<ObjectNode> out) {
        switch (block.path("type").asText("")) {
            case "text" -> text(block.path("text").asText(""), out);
            case "tool_use" -> {
                String name = block.path("name").asText("");
                if (answerTool && JsonMode.TOOL_NAME.equals(name)) {
                    toolCallByBlock.put(index, ANSWER_BLOCK);
                } else {
                    int call = toolCalls++;
                    toolCallByBlock.put(index, call);
                    emit(ChunkBuilder.toolCallStart(call, block.path("id").asText(""), name, ""), out);
                }
            }
            default -> {
                // thinking blocks start empty; their text arrives as deltas
            }
        }
    }

    private void blockDelta(int index, JsonNode delta, Consumer<ObjectNode> out) {
        switch (delta.path("type").asText("")) {
            case "text_delta" -> text(delta.path("text").asText(""), out);
            case "thinking_delta" -> {
                String thinking = delta.path("thinking").asText("");
                if (!thinking.isEmpty()) {
                    emit(JsonNodeFactory.instance.objectNode().put("reasoning_content", thinking), out);
                }
            }
            case "input_json_delta" ->
                arguments(index, delta.path("partial_json").asText(""), out);
            default -> {
                // signature and citation deltas have no OpenAI counterpart
            }
        }
    }

    /** A forced JSON answer's text would corrupt the JSON content, so only its tool input counts. */
    private void text(String text, Consumer<ObjectNode> out) {
        if (!text.isEmpty() && !answerTool) {
            emit(ChunkBuilder.contentDelta(text), out);
        }
    }

    private void arguments(int index, String fragment, Consumer<ObjectNode> out) {
        Integer call = toolCallByBlock.get(index);
        if (fragment.isEmpty() || call == null) {
            return;
        }
        emit(
                call == ANSWER_BLOCK
                        ? ChunkBuilder.contentDelta(fragment)
                        : ChunkBuilder.toolCallArguments(call, fragment),
                out);
    }

    /** Usage in {@code message_delta} is cumulative; newer API versions repeat the input counts there. */
    private void messageDelta(JsonNode event, Consumer<ObjectNode> out) {
        countTokens(event.path("usage"));
        JsonNode reason = event.path("delta").path("stop_reason");
        if (reason.isTextual()) {
            stopReason = reason.textValue();
            finish(out);
        }
    }

    private void countTokens(JsonNode usage) {
        long prompt = TokenUsage.promptTokens(usage);
        if (prompt >= 0) {
            promptTokens = prompt;
        }
        if (usage.path("output_tokens").isNumber()) {
            completionTokens = usage.path("output_tokens").asLong();
        }
    }

    private void finish(Consumer<ObjectNode> out) {
        if (!finished) {
            finished = true;
            emit(JsonNodeFactory.instance.objectNode(), StopReasons.finishReason(stopReason, answerTool), out);
        }
    }

    private void emit(ObjectNode delta, Consumer<ObjectNode> out) {
        emit(delta, null, out);
    }

    private void emit(ObjectNode delta, String finishReason, Consumer<ObjectNode> out) {
        if (!started) {
            started = true;
            out.accept(chunks.chunk(ChunkBuilder.roleDelta(), null));
        }
        out.accept(chunks.chunk(delta, finishReason));
    }
}
