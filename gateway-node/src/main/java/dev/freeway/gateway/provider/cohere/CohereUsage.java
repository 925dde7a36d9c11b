package dev.freeway.gateway.provider.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeway.gateway.provider.Usage;

/**
 * Token counts from Cohere's {@code usage}. {@code tokens} is what the model processed (prompt
 * template included), {@code billed_units} what the account pays for; the first is preferred
 * because limits are about load, the second is the fallback when only it is reported.
 */
final class CohereUsage {
    private CohereUsage() {}

    static Usage read(JsonNode usage) {
        JsonNode counts = usage.path("tokens");
        if (!counts.isObject()) {
            counts = usage.path("billed_units");
        }
        if (!counts.isObject()) {
            return Usage.UNKNOWN;
        }
        return new Usage(
                counts.path("input_tokens").asLong(0),
                counts.path("output_tokens").asLong(0));
    }
}
