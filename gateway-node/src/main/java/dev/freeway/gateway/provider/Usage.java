package dev.freeway.gateway.provider;

import com.fasterxml.jackson.databind.JsonNode;

/** Tokens a provider reports for one completion; {@link #UNKNOWN} when it reported none. */
public record Usage(long promptTokens, long completionTokens) {
    public static final Usage UNKNOWN = new Usage(-1, -1);

    public static Usage fromOpenAi(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return UNKNOWN;
        }
        return new Usage(
                usage.path("prompt_tokens").asLong(0),
                usage.path("completion_tokens").asLong(0));
    }

    public boolean known() {
        return promptTokens >= 0;
    }

    public long total() {
        return promptTokens + completionTokens;
    }
}
