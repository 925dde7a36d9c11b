package dev.freeway.gateway.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeway.gateway.provider.Usage;

/**
 * Anthropic's {@code usage} object in OpenAI's terms. Anthropic counts cache writes and cache reads
 * apart from {@code input_tokens}; OpenAI's prompt tokens include all three.
 */
final class TokenUsage {
    private TokenUsage() {}

    static Usage from(JsonNode usage) {
        long prompt = promptTokens(usage);
        return prompt < 0
                ? Usage.UNKNOWN
                : new Usage(prompt, usage.path("output_tokens").asLong(0));
    }

    /** The prompt tokens the object reports, -1 when it has no {@code input_tokens}. */
    static long promptTokens(JsonNode usage) {
        if (!usage.path("input_tokens").isNumber()) {
            return -1;
        }
        return usage.path("input_tokens").asLong()
                + usage.path("cache_creation_input_tokens").asLong(0)
                + usage.path("cache_read_input_tokens").asLong(0);
    }
}
