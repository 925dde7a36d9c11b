package dev.freeway.loadtest.simulator;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Gemini's native API: the key in {@code x-goog-api-key} (or {@code ?key=}), Google RPC errors, and no
 * rate-limit headers at all, as on the real API: a 429's body is the only signal.
 */
final class GeminiDialect implements WireDialect {

    @Override
    public ApiFormat format() {
        return ApiFormat.GEMINI;
    }

    @Override
    public String key(HttpServerRequest request) {
        String key = ApiKeys.plain(request.getHeader("x-goog-api-key"));
        return key != null ? key : ApiKeys.plain(request.getParam("key"));
    }

    @Override
    public ChatRequest parse(HttpServerRequest request, Buffer body, String defaultModel)
            throws InvalidRequestException {
        return GeminiRequests.parse(request, body);
    }

    @Override
    public Buffer completion(ChatReply reply) {
        return GeminiJson.completion(reply);
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
        return new GeminiStream(vertx, request, reply, intervalMillis, cutAfter, onComplete);
    }

    @Override
    public void writeQuotaHeaders(RateDecision decision, MultiMap headers, long now) {
        // Gemini advertises no limits on answers.
    }

    @Override
    public ErrorReply rateLimited(
            ChatRequest chat, RateDecision decision, long retryAfterSeconds, MultiMap headers, long now) {
        return GoogleErrors.quotaExhausted(decision.refusedBy(), chat.model(), retryAfterSeconds);
    }

    @Override
    public ErrorReply error(FixedError error) {
        return switch (error) {
            case MISSING_KEY -> GoogleErrors.MISSING_KEY;
            case INVALID_KEY -> GoogleErrors.API_KEY_INVALID;
            case BAD_REQUEST -> GoogleErrors.INJECTED_BAD_REQUEST;
            case SERVER_ERROR -> GoogleErrors.INTERNAL;
            case OVERLOADED -> GoogleErrors.UNAVAILABLE;
        };
    }
}
