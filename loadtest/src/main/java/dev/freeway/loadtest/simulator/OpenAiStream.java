package dev.freeway.loadtest.simulator;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;

/**
 * OpenAI's stream of one reply: the first chunk, one chunk per piece, the finish chunk, the optional usage
 * chunk and {@code [DONE]}.
 */
final class OpenAiStream extends SseStream {
    private final ChatReply reply;
    private final boolean includeUsage;
    private final List<String> pieces;

    OpenAiStream(
            Vertx vertx,
            HttpServerRequest request,
            ChatReply reply,
            boolean includeUsage,
            long intervalMillis,
            int cutAfter,
            Runnable onComplete) {
        super(vertx, request, intervalMillis, cutAfter, onComplete);
        this.reply = reply;
        this.includeUsage = includeUsage;
        this.pieces = reply.streamPieces();
    }

    @Override
    int eventCount() {
        return pieces.size() + (includeUsage ? 4 : 3);
    }

    @Override
    boolean paced(int event) {
        return event >= 1 && event <= pieces.size();
    }

    @Override
    Buffer event(int i) {
        if (i == 0) {
            return ChatJson.firstChunk(reply, includeUsage);
        }
        if (paced(i)) {
            return ChatJson.pieceChunk(reply, includeUsage, pieces.get(i - 1));
        }
        if (i == pieces.size() + 1) {
            return ChatJson.finishChunk(reply, includeUsage);
        }
        return includeUsage && i == pieces.size() + 2 ? ChatJson.usageChunk(reply) : ChatJson.done();
    }
}
