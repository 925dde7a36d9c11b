package dev.freeway.gateway.provider;

import io.vertx.core.buffer.Buffer;

/** Receives a started upstream stream. */
public interface StreamSink {

    /** One SSE event, ready to be written as is. */
    void event(Buffer sseEvent);

    /** The upstream finished; {@code usage} may be {@link Usage#UNKNOWN}. */
    void end(Usage usage);

    /** The upstream broke after the first event: too late to fail over. */
    void fail(UpstreamFailure failure);
}
