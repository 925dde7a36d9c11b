package dev.freeway.loadtest.simulator;

/**
 * Gemini's errors in Google's RPC shape: {@code {"error":{"code","message","status","details"}}}. A 429
 * names the exhausted quota in a {@code QuotaFailure} (its {@code quotaId} says which window ran out) and
 * the wait in a {@code RetryInfo}; that body is the only place Gemini says either.
 */
final class GoogleErrors {
    static final ErrorBytes MISSING_KEY = error(
            403,
            "PERMISSION_DENIED",
            "Method doesn't allow unregistered callers (callers without established identity)."
                    + " Please use API Key or other form of API consumer identity to call this API.",
            null);
    static final ErrorBytes API_KEY_INVALID =
            error(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", json -> {
                json.writeStartObject();
                json.writeStringField("@type", "type.googleapis.com/google.rpc.ErrorInfo");
                json.writeStringField("reason", "API_KEY_INVALID");
                json.writeStringField("domain", "googleapis.com");
                json.writeObjectFieldStart("metadata");
                json.writeStringField("service", "generativelanguage.googleapis.com");
                json.writeEndObject();
                json.writeEndObject();
            });
    static final ErrorBytes INJECTED_BAD_REQUEST =
            invalidArgument("Invalid value in request (injected by the simulator).");
    static final ErrorBytes INTERNAL =
            error(500, "INTERNAL", "An internal error has occurred. Please retry or report the issue.", null);
    static final ErrorBytes UNAVAILABLE =
            error(503, "UNAVAILABLE", "The model is overloaded. Please try again later.", null);

    private static final String METRIC_PREFIX = "generativelanguage.googleapis.com/";

    private GoogleErrors() {}

    static ErrorBytes invalidArgument(String message) {
        return error(400, "INVALID_ARGUMENT", message, null);
    }

    /** The 429 for an exhausted {@code quota} of {@code model}, asking to retry in {@code retrySeconds}. */
    static ErrorBytes quotaExhausted(Quota quota, String model, long retrySeconds) {
        boolean requests = quota.unit() == Quota.Unit.REQUESTS;
        String metric =
                requests ? "generate_content_free_tier_requests" : "generate_content_free_tier_input_token_count";
        String window = quota.daily() ? "Day" : "Minute";
        String quotaId = requests
                ? "GenerateRequestsPer" + window + "PerProjectPerModel-FreeTier"
                : "GenerateContentInputTokensPerModelPer" + window + "-FreeTier";
        String message = "You exceeded your current quota, please check your plan and billing details.\n"
                + "* Quota exceeded for metric: " + METRIC_PREFIX + metric + ", limit: " + quota.limit()
                + ", model: " + model + "\nPlease retry in " + retrySeconds + "s.";
        return error(429, "RESOURCE_EXHAUSTED", message, json -> {
            json.writeStartObject();
            json.writeStringField("@type", "type.googleapis.com/google.rpc.QuotaFailure");
            json.writeArrayFieldStart("violations");
            json.writeStartObject();
            json.writeStringField("quotaMetric", METRIC_PREFIX + metric);
            json.writeStringField("quotaId", quotaId);
            json.writeObjectFieldStart("quotaDimensions");
            json.writeStringField("location", "global");
            json.writeStringField("model", model);
            json.writeEndObject();
            json.writeStringField("quotaValue", Integer.toString(quota.limit()));
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
            json.writeStartObject();
            json.writeStringField("@type", "type.googleapis.com/google.rpc.RetryInfo");
            json.writeStringField("retryDelay", retrySeconds + "s");
            json.writeEndObject();
        });
    }

    /** @param details writes the entries of {@code details}, or null for none */
    private static ErrorBytes error(int code, String status, String message, JsonBytes.Writer details) {
        return ErrorBytes.of(code, json -> {
            json.writeStartObject();
            json.writeObjectFieldStart("error");
            json.writeNumberField("code", code);
            json.writeStringField("message", message);
            json.writeStringField("status", status);
            if (details != null) {
                json.writeArrayFieldStart("details");
                details.write(json);
                json.writeEndArray();
            }
            json.writeEndObject();
            json.writeEndObject();
        });
    }
}
