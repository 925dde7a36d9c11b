package dev.freeway.loadtest.simulator;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;

/**
 * Anthropic's stream: {@code message_start}, the one content block ({@code content_block_start}, a
 * {@code ping} as the real API sends early on, one {@code content_block_delta} per piece, {@code
 * content_block_stop}), then {@code message_delta} with the stop reason and usage, and {@code
 * message_stop}.
 */
final class AnthropicStream extends SseStream {
    /** message_start, content_block_start and ping come before the pieces. */
    private static final int FIRST_PIECE = 3;

    private final ChatReply reply;
    private final List<String> pieces;

    AnthropicStream(
            Vertx vertx,
            HttpServerRequest request,
            ChatReply reply,
            long intervalMillis,
            int cutAfter,
            Runnable onComplete) {
        super(vertx, request, intervalMillis, cutAfter, onComplete);
        this.reply = reply;
        this.pieces = reply.streamPieces();
    }

    @Override
    int eventCount() {
        return FIRST_PIECE + pieces.size() + 3;
    }

    @Override
    boolean paced(int event) {
        return event >= FIRST_PIECE && event < FIRST_PIECE + pieces.size();
    }

    @Override
    Buffer event(int i) {
        if (paced(i)) {
            return AnthropicJson.delta(reply, pieces.get(i - FIRST_PIECE));
        }
        return switch (i < FIRST_PIECE ? i : i - pieces.size()) {
            case 0 -> AnthropicJson.messageStart(reply);
            case 1 -> AnthropicJson.blockStart(reply);
            case 2 -> AnthropicJson.ping();
            case FIRST_PIECE -> AnthropicJson.blockStop();
            case FIRST_PIECE + 1 -> AnthropicJson.messageDelta(reply);
            default -> AnthropicJson.messageStop();
        };
    }
}
