package dev.freeway.loadtest.simulator;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.time.Instant;

/**
 * Anthropic's Messages API: the key in {@code x-api-key}, {@code anthropic-ratelimit-*} headers (resets
 * as RFC 3339 instants) on every answer of a limited key, and {@code retry-after} on 429.
 */
final class AnthropicDialect implements WireDialect {

    @Override
    public ApiFormat format() {
        return ApiFormat.ANTHROPIC;
    }

    @Override
    public String key(HttpServerRequest request) {
        return ApiKeys.plain(request.getHeader("x-api-key"));
    }

    @Override
    public ChatRequest parse(HttpServerRequest request, Buffer body, String defaultModel)
            throws InvalidRequestException {
        return AnthropicRequests.parse(request, body, defaultModel);
    }

    @Override
    public Buffer completion(ChatReply reply) {
        return AnthropicJson.completion(reply);
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
        return new AnthropicStream(vertx, request, reply, intervalMillis, cutAfter, onComplete);
    }

    @Override
    public void writeQuotaHeaders(RateDecision decision, MultiMap headers, long now) {
        write(decision.requests(), headers, now);
        write(decision.tokens(), headers, now);
    }

    @Override
    public ErrorReply rateLimited(
            ChatRequest chat, RateDecision decision, long retryAfterSeconds, MultiMap headers, long now) {
        writeQuotaHeaders(decision, headers, now);
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        return AnthropicErrors.rateLimited(decision.refusedBy());
    }

    @Override
    public ErrorReply error(FixedError error) {
        return switch (error) {
            case MISSING_KEY -> AnthropicErrors.MISSING_KEY;
            case INVALID_KEY -> AnthropicErrors.INVALID_KEY;
            case BAD_REQUEST -> AnthropicErrors.INJECTED_BAD_REQUEST;
            case SERVER_ERROR -> AnthropicErrors.API_ERROR;
            case OVERLOADED -> AnthropicErrors.OVERLOADED;
        };
    }

    /** @param quota where the key stands in one kind of limit, or null when that kind is not limited */
    private static void write(Quota quota, MultiMap headers, long now) {
        if (quota == null) {
            return;
        }
        String prefix = "anthropic-ratelimit-" + quota.unit().plural;
        headers.set(prefix + "-limit", Integer.toString(quota.limit()))
                .set(prefix + "-remaining", Long.toString(quota.remaining()))
                .set(
                        prefix + "-reset",
                        Instant.ofEpochMilli(now + quota.resetMillis()).toString());
    }
}
