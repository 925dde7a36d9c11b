package dev.freeway.loadtest.simulator;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * OpenAI's chat completions, which most platforms copy: a Bearer key, {@code x-ratelimit-*} headers and
 * {@code Retry-After}. Cloudflare's account-scoped endpoint speaks it too, counted as its own format.
 */
final class OpenAiDialect implements WireDialect {
    private final ApiFormat format;

    OpenAiDialect(ApiFormat format) {
        this.format = format;
    }

    @Override
    public ApiFormat format() {
        return format;
    }

    @Override
    public String key(HttpServerRequest request) {
        return ApiKeys.bearer(request.getHeader(HttpHeaders.AUTHORIZATION));
    }

    @Override
    public ChatRequest parse(HttpServerRequest request, Buffer body, String defaultModel)
            throws InvalidRequestException {
        return ChatRequest.parse(body, defaultModel);
    }

    @Override
    public Buffer completion(ChatReply reply) {
        return ChatJson.completion(reply);
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
        return new OpenAiStream(vertx, request, reply, chat.includeUsage(), intervalMillis, cutAfter, onComplete);
    }

    @Override
    public void writeQuotaHeaders(RateDecision decision, MultiMap headers, long now) {
        decision.writeHeaders(headers);
    }

    @Override
    public ErrorReply rateLimited(
            ChatRequest chat, RateDecision decision, long retryAfterSeconds, MultiMap headers, long now) {
        decision.writeHeaders(headers);
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        return decision.error();
    }

    @Override
    public ErrorReply error(FixedError error) {
        return switch (error) {
            case MISSING_KEY -> OpenAiError.MISSING_KEY;
            case INVALID_KEY -> OpenAiError.INVALID_KEY;
            case BAD_REQUEST -> OpenAiError.INVALID_VALUE;
            case SERVER_ERROR -> OpenAiError.SERVER_ERROR;
            case OVERLOADED -> OpenAiError.OVERLOADED;
        };
    }
}
