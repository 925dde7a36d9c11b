package dev.freeway.gateway.provider;

import io.vertx.core.buffer.Buffer;

/** A finished non-streaming completion: the OpenAI-shaped body to send, and its token usage. */
public record ChatResult(Buffer body, Usage usage) {}
