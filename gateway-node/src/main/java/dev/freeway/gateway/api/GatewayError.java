package dev.freeway.gateway.api;

import io.vertx.core.json.JsonObject;

/**
 * A failure the client should see, as a value: HTTP status plus OpenAI's error fields. Carries no
 * stack trace because it is an expected outcome, not a bug.
 *
 * @param retryAfterSeconds sent as {@code Retry-After} when positive
 */
public final class GatewayError extends RuntimeException {
    private final int status;
    private final String type;
    private final String code;
    private final String param;
    private final long retryAfterSeconds;

    public GatewayError(int status, String type, String code, String param, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static GatewayError invalidRequest(String param, String message) {
        return new GatewayError(400, "invalid_request_error", "invalid_request", param, message, 0);
    }

    public static GatewayError invalidKey() {
        return new GatewayError(
                401, "invalid_request_error", "invalid_api_key", null, "Incorrect or missing API key.", 0);
    }

    public static GatewayError modelNotFound(String model) {
        return new GatewayError(
                404,
                "invalid_request_error",
                "model_not_found",
                "model",
                "The model '" + model + "' does not exist or is not served by this gateway.",
                0);
    }

    public static GatewayError poolExhausted(long retryAfterSeconds) {
        return new GatewayError(
                429,
                "rate_limit_error",
                "pool_exhausted",
                null,
                "Every provider that can serve this request is at its rate limit; retry after " + retryAfterSeconds
                        + " s.",
                retryAfterSeconds);
    }

    /** The team used its own quota; the pool may well have room for others. */
    public static GatewayError teamQuotaExceeded(String team, long retryAfterSeconds) {
        return new GatewayError(
                429,
                "rate_limit_error",
                "team_quota_exceeded",
                null,
                "Team '" + team + "' has used its quota; retry after " + retryAfterSeconds + " s.",
                retryAfterSeconds);
    }

    public static GatewayError teamSpendCapReached(String team, long retryAfterSeconds) {
        return new GatewayError(
                429,
                "rate_limit_error",
                "team_quota_exceeded",
                null,
                "Team '" + team + "' has reached its monthly spend cap for paid models; free models still serve"
                        + " it, and the cap renews at the start of the next UTC month.",
                retryAfterSeconds);
    }

    public static GatewayError modelNotAllowed(String team, String model) {
        return new GatewayError(
                403,
                "permission_error",
                "model_not_allowed",
                "model",
                "Team '" + team + "' may not use '" + model + "'.",
                0);
    }

    public int status() {
        return status;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public JsonObject toJson() {
        return new JsonObject()
                .put(
                        "error",
                        new JsonObject()
                                .put("message", getMessage())
                                .put("type", type)
                                .put("param", param)
                                .put("code", code));
    }
}
