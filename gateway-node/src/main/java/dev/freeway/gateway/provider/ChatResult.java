package dev.freeway.gateway.provider;

import io.vertx.core.buffer.Buffer;

/**
 * A finished non-streaming completion: the OpenAI-shaped body to send, its token usage, and what
 * the provider said about the key's remaining capacity.
 */
public record ChatResult(Buffer body, Usage usage, ProviderQuota quota) implements QuotaReport {}
