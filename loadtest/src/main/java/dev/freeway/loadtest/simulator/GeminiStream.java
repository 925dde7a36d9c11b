package dev.freeway.loadtest.simulator;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;

/**
 * Gemini's stream ({@code alt=sse}): one chunk per word of the text, or a single chunk holding the whole
 * function call, as Gemini never splits a call's arguments. The last chunk carries {@code finishReason};
 * the body simply ends, with no {@code [DONE]}.
 */
final class GeminiStream extends SseStream {
    private final ChatReply reply;
    private final List<String> pieces;

    GeminiStream(
            Vertx vertx,
            HttpServerRequest request,
            ChatReply reply,
            long intervalMillis,
            int cutAfter,
            Runnable onComplete) {
        super(vertx, request, intervalMillis, cutAfter, onComplete);
        this.reply = reply;
        this.pieces = reply.toolCall() == null ? reply.streamPieces() : List.of();
    }

    @Override
    int eventCount() {
        return reply.toolCall() == null ? pieces.size() : 1;
    }

    @Override
    boolean paced(int event) {
        return true;
    }

    /** Each text piece is one word, so the tokens answered so far are the pieces sent so far. */
    @Override
    Buffer event(int i) {
        boolean last = i == eventCount() - 1;
        int answered = last ? reply.completionTokens() : i + 1;
        return GeminiJson.chunk(reply, reply.toolCall() == null ? pieces.get(i) : null, last, answered);
    }
}
