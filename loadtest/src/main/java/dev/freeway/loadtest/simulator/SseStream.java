package dev.freeway.loadtest.simulator;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * Streams one reply as server-sent events, the same way in every format: events in order, the paced ones
 * (those carrying a piece of the answer) each preceded by the chunk interval, on a timer. Subclasses say
 * which events a format sends; this class owns the pacing, the injected cut and the end.
 */
abstract class SseStream {
    /** A {@code cutAfter} that never cuts. */
    static final int COMPLETE = Integer.MAX_VALUE;

    private final Vertx vertx;
    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final long intervalMillis;
    private final int cutAfter;
    private final Runnable onComplete;

    /**
     * @param cutAfter how many events to write before dropping the connection, or {@link #COMPLETE}; a
     *     stream with no more events than that still loses its last one, so a cut stream never looks whole
     * @param onComplete runs after the last event, just before the response ends
     */
    SseStream(Vertx vertx, HttpServerRequest request, long intervalMillis, int cutAfter, Runnable onComplete) {
        this.vertx = vertx;
        this.request = request;
        this.response = request.response();
        this.intervalMillis = intervalMillis;
        this.cutAfter = cutAfter;
        this.onComplete = onComplete;
    }

    /** How many events the stream sends when it is not cut. */
    abstract int eventCount();

    /** Whether the chunk interval passes before event {@code event}. */
    abstract boolean paced(int event);

    abstract Buffer event(int event);

    final void start() {
        response.setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream");
        sendFrom(0);
    }

    private void sendFrom(int first) {
        if (response.closed()) {
            return;
        }
        int events = eventCount();
        int cut = cutAfter == COMPLETE ? COMPLETE : Math.min(cutAfter, events - 1);
        for (int i = first; i < events; i++) {
            if (i == cut) {
                if (!response.headWritten()) {
                    response.writeHead();
                }
                request.connection().close();
                return;
            }
            if (i != first && paced(i) && intervalMillis > 0) {
                int next = i;
                vertx.setTimer(intervalMillis, timer -> sendFrom(next));
                return;
            }
            response.write(event(i));
        }
        onComplete.run();
        response.end();
    }
}
