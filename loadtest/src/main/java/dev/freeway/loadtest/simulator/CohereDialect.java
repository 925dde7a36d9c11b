package dev.freeway.loadtest.simulator;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * Cohere's v2 chat: a Bearer key, bare {@code {"message"}} errors, and no rate-limit headers, so a 429's
 * wording is all a client learns.
 */
final class CohereDialect implements WireDialect {

    @Override
    public ApiFormat format() {
        return ApiFormat.COHERE;
    }

    @Override
    public String key(HttpServerRequest request) {
        return ApiKeys.bearer(request.getHeader(HttpHeaders.AUTHORIZATION));
    }

    @Override
    public ChatRequest parse(HttpServerRequest request, Buffer body, String defaultModel)
            throws InvalidRequestException {
        return CohereRequests.parse(body, defaultModel);
    }

    @Override
    public Buffer completion(ChatReply reply) {
        return CohereJson.completion(reply);
    }

    @Override
    public SseStream stream(
            Vertx vertx,
            HttpServerRequest request,
            ChatRequest chat,
            ChatReply reply,
            long intervalMillis,
            int cutAfter,
            Runnable onComplete) {
        return new CohereStream(vertx, request, reply, intervalMillis, cutAfter, onComplete);
    }

    @Override
    public void writeQuotaHeaders(RateDecision decision, MultiMap headers, long now) {
        // Cohere documents no rate-limit headers.
    }

    @Override
    public ErrorReply rateLimited(
            ChatRequest chat, RateDecision decision, long retryAfterSeconds, MultiMap headers, long now) {
        return CohereErrors.rateLimited(decision.refusedBy());
    }

    @Override
    public ErrorReply error(FixedError error) {
        return switch (error) {
            case MISSING_KEY -> CohereErrors.MISSING_KEY;
            case INVALID_KEY -> CohereErrors.INVALID_KEY;
            case BAD_REQUEST -> CohereErrors.INJECTED_BAD_REQUEST;
            case SERVER_ERROR -> CohereErrors.INTERNAL;
            case OVERLOADED -> CohereErrors.OVERLOADED;
        };
    }
}
