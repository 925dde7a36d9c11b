package dev.freeway.gateway.provider;

import io.vertx.core.buffer.Buffer;

/**
 * An upstream stream that has produced its first event, translated to OpenAI's SSE framing
 * ({@code data: <chat.completion.chunk>\n\n}). Nothing reaches the client before the router takes it.
 */
public interface UpstreamStream extends QuotaReport {

    Buffer firstEvent();

    /** Delivers every later event to {@code sink}, then exactly one of end or fail. */
    void start(StreamSink sink);

    void pause();

    void resume();
}
