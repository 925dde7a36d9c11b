package dev.freeway.loadtest.simulator;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * One provider API as the simulator speaks it: where the key travels, how a request reads, and how
 * answers, streams and errors look. {@link ChatHandler} applies the behaviour (limits, failures, latency)
 * the same way for every dialect, so only the wire differs. Implementations are stateless and shared by
 * every server instance; the OpenAI one runs at benchmark rates, so none may do work the format does not
 * need.
 */
interface WireDialect {

    /** The format its requests are counted under. */
    ApiFormat format();

    /** The request's API key, or null when it carries none. */
    String key(HttpServerRequest request);

    /**
     * The facts of the request.
     *
     * @throws InvalidRequestException when the format would answer 400, carrying that answer
     */
    ChatRequest parse(HttpServerRequest request, Buffer body, String defaultModel) throws InvalidRequestException;

    /** The complete, non-streamed answer's body. */
    Buffer completion(ChatReply reply);

    /** The stream of {@code reply}, not yet started. */
    SseStream stream(
            Vertx vertx,
            HttpServerRequest request,
            ChatRequest chat,
            ChatReply reply,
            long intervalMillis,
            int cutAfter,
            Runnable onComplete);

    /** Advertises where the key stands after an admitted request, in the headers the format uses (if any). */
    void writeQuotaHeaders(RateDecision decision, MultiMap headers, long now);

    /**
     * The 429 for a request that {@code decision} refused (or an injected one), writing any headers it
     * needs, such as {@code Retry-After}.
     */
    ErrorReply rateLimited(ChatRequest chat, RateDecision decision, long retryAfterSeconds, MultiMap headers, long now);

    ErrorReply error(FixedError error);
}
