package dev.freeway.gateway.provider.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeway.gateway.provider.Usage;

/** A non-streaming answer in OpenAI's {@code chat.completion} shape, with its token usage. */
public record Translated(ObjectNode completion, Usage usage) {}
