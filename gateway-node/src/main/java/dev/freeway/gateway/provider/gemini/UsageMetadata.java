package dev.freeway.gateway.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeway.gateway.provider.Usage;

/**
 * Gemini's {@code usageMetadata} as {@link Usage}. Tool-use prompt tokens count as prompt, thinking
 * tokens as completion: both are billed and both count against the token limits.
 */
final class UsageMetadata {
    private UsageMetadata() {}

    static Usage read(JsonNode metadata) {
        if (!metadata.isObject()) {
            return Usage.UNKNOWN;
        }
        long prompt = metadata.path("promptTokenCount").asLong(0)
                + metadata.path("toolUsePromptTokenCount").asLong(0);
        long completion = metadata.path("candidatesTokenCount").asLong(0)
                + metadata.path("thoughtsTokenCount").asLong(0);
        return new Usage(prompt, completion);
    }
}
