package dev.freeway.loadtest.simulator;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;

/**
 * Cohere's stream: {@code message-start}; then for text {@code content-start}, one {@code content-delta}
 * per word and {@code content-end}, or for a tool call {@code tool-plan-delta}, {@code tool-call-start},
 * one {@code tool-call-delta} per argument fragment and {@code tool-call-end}; then {@code message-end}
 * with the finish reason and usage.
 */
final class CohereStream extends SseStream {
    /** message-start and content-start come before a text's words. */
    private static final int TEXT_FIRST_PIECE = 2;
    /** message-start, tool-plan-delta and tool-call-start come before a call's argument fragments. */
    private static final int TOOL_FIRST_PIECE = 3;

    private final ChatReply reply;
    private final List<String> pieces;
    private final int firstPiece;

    CohereStream(
            Vertx vertx,
            HttpServerRequest request,
            ChatReply reply,
            long intervalMillis,
            int cutAfter,
            Runnable onComplete) {
        super(vertx, request, intervalMillis, cutAfter, onComplete);
        this.reply = reply;
        this.pieces = reply.streamPieces();
        this.firstPiece = reply.toolCall() == null ? TEXT_FIRST_PIECE : TOOL_FIRST_PIECE;
    }

    @Override
    int eventCount() {
        return firstPiece + pieces.size() + 2;
    }

    @Override
    boolean paced(int event) {
        return event >= firstPiece && event < firstPiece + pieces.size();
    }

    @Override
    Buffer event(int i) {
        if (i == 0) {
            return CohereJson.messageStart(reply);
        }
        if (i == eventCount() - 1) {
            return CohereJson.messageEnd(reply);
        }
        return reply.toolCall() == null ? textEvent(i) : toolEvent(i);
    }

    private Buffer textEvent(int i) {
        if (i < firstPiece) {
            return CohereJson.contentStart();
        }
        return paced(i) ? CohereJson.contentDelta(pieces.get(i - firstPiece)) : CohereJson.contentEnd();
    }

    private Buffer toolEvent(int i) {
        if (i == 1) {
            return CohereJson.toolPlanDelta(reply);
        }
        if (i < firstPiece) {
            return CohereJson.toolCallStart(reply);
        }
        return paced(i) ? CohereJson.toolCallDelta(pieces.get(i - firstPiece)) : CohereJson.toolCallEnd();
    }
}
