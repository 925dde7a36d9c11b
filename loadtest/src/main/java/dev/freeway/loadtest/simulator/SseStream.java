package dev.freeway.loadtest.simulator;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;

/**
 * Streams one reply as server-sent events: the first chunk, one chunk per piece (each preceded by the
 * chunk interval, on a timer), the finish chunk, the optional usage chunk and {@code [DONE]}.
 */
final class SseStream {
    /** A {@code cutAfter} that never cuts. */
    static final int COMPLETE = Integer.MAX_VALUE;

    private final Vertx vertx;
    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final ChatReply reply;
    private final boolean includeUsage;
    private final List<String> pieces;
    private final long intervalMillis;
    private final int cutAfter;
    private final Runnable onComplete;

    /**
     * @param cutAfter how many events to write before dropping the connection, or {@link #COMPLETE}
     * @param onComplete runs after the last event, just before the response ends
     */
    SseStream(
            Vertx vertx,
            HttpServerRequest request,
            ChatReply reply,
            boolean includeUsage,
            long intervalMillis,
            int cutAfter,
            Runnable onComplete) {
        this.vertx = vertx;
        this.request = request;
        this.response = request.response();
        this.reply = reply;
        this.includeUsage = includeUsage;
        this.pieces = reply.streamPieces();
        this.intervalMillis = intervalMillis;
        this.cutAfter = cutAfter;
        this.onComplete = onComplete;
    }

    void start() {
        response.setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream");
        sendFrom(0);
    }

    private void sendFrom(int first) {
        if (response.closed()) {
            return;
        }
        int events = pieces.size() + (includeUsage ? 4 : 3);
        for (int i = first; i < events; i++) {
            if (i == cutAfter) {
                request.connection().close();
                return;
            }
            if (i != first && isPiece(i) && intervalMillis > 0) {
                int next = i;
                vertx.setTimer(intervalMillis, timer -> sendFrom(next));
                return;
            }
            response.write(event(i));
        }
        onComplete.run();
        response.end();
    }

    private boolean isPiece(int event) {
        return event >= 1 && event <= pieces.size();
    }

    private Buffer event(int i) {
        if (i == 0) {
            return ChatJson.firstChunk(reply, includeUsage);
        }
        if (isPiece(i)) {
            return ChatJson.pieceChunk(reply, includeUsage, pieces.get(i - 1));
        }
        if (i == pieces.size() + 1) {
            return ChatJson.finishChunk(reply, includeUsage);
        }
        return includeUsage && i == pieces.size() + 2 ? ChatJson.usageChunk(reply) : ChatJson.done();
    }
}
