package dev.freeway.gateway.provider;

import io.vertx.core.Future;

/**
 * One upstream platform, spoken to in its own wire format. Knows nothing about routing: it gets the
 * key the router chose with every call and reports failures as {@link UpstreamFailure} values, so
 * the router can decide whether to fail over.
 *
 * <p>Threading: called on an event loop, never blocks; futures complete on the caller's context.
 */
public interface Provider {

    /** A non-streaming completion, answered in OpenAI's {@code chat.completion} shape. */
    Future<ChatResult> chat(ProviderCall call);

    /**
     * A streaming completion. Completes only once the first event has arrived, so that every
     * failure before it (status, connection, timeout, an empty stream) is still a failover.
     */
    Future<UpstreamStream> stream(ProviderCall call);
}
