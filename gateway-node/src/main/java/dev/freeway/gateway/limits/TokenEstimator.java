package dev.freeway.gateway.limits;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A cheap upper-leaning estimate of prompt tokens (about four characters per token plus a per-message
 * overhead); the ledger settles with the provider's real count afterwards.
 */
public final class TokenEstimator {
    private static final int PER_MESSAGE = 4;
    private static final int CHARS_PER_TOKEN = 4;

    private TokenEstimator() {}

    public static long promptTokens(JsonNode messages, JsonNode tools) {
        long chars = 0;
        long count = 0;
        for (JsonNode message : messages) {
            count++;
            chars += textLength(message.get("content"));
            JsonNode toolCalls = message.get("tool_calls");
            if (toolCalls != null) {
                chars += toolCalls.toString().length();
            }
        }
        if (tools != null && !tools.isNull()) {
            chars += tools.toString().length();
        }
        return (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN + PER_MESSAGE * count;
    }

    private static long textLength(JsonNode content) {
        if (content == null || content.isNull()) {
            return 0;
        }
        if (content.isTextual()) {
            return content.textValue().length();
        }
        long chars = 0;
        for (JsonNode part : content) {
            JsonNode text = part.get("text");
            chars += text != null && text.isTextual() ? text.textValue().length() : 256;
        }
        return chars;
    }
}
