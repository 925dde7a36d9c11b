package dev.freeway.loadtest.simulator;

/** Anthropic's errors: {@code {"type":"error","error":{"type","message"}}}. */
final class AnthropicErrors {
    static final ErrorBytes MISSING_KEY = error(401, "authentication_error", "x-api-key header is required");
    static final ErrorBytes INVALID_KEY = error(401, "authentication_error", "invalid x-api-key");
    static final ErrorBytes INJECTED_BAD_REQUEST =
            invalidRequest("Invalid value in request (injected by the simulator).");
    static final ErrorBytes API_ERROR = error(500, "api_error", "Internal server error");
    /** 529, Anthropic's own status for overload, which is retryable and says nothing about quota. */
    static final ErrorBytes OVERLOADED = error(529, "overloaded_error", "Overloaded");

    private AnthropicErrors() {}

    static ErrorBytes invalidRequest(String message) {
        return error(400, "invalid_request_error", message);
    }

    static ErrorBytes rateLimited(Quota quota) {
        return error(
                429,
                "rate_limit_error",
                "This request would exceed the rate limit for your organization of " + quota.limit() + " "
                        + quota.unit().plural + " per " + (quota.daily() ? "day" : "minute")
                        + ". Please wait before trying again.");
    }

    private static ErrorBytes error(int status, String type, String message) {
        return ErrorBytes.of(status, json -> {
            json.writeStartObject();
            json.writeStringField("type", "error");
            json.writeObjectFieldStart("error");
            json.writeStringField("type", type);
            json.writeStringField("message", message);
            json.writeEndObject();
            json.writeEndObject();
        });
    }
}
