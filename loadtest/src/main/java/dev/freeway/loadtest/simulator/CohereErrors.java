package dev.freeway.loadtest.simulator;

/**
 * Cohere's errors: a bare {@code {"message": "..."}}. Per-minute and monthly 429s differ only in their
 * words, which is how clients tell a short wait from a spent trial key.
 */
final class CohereErrors {
    static final ErrorBytes MISSING_KEY = error(401, "no api key supplied");
    static final ErrorBytes INVALID_KEY = error(401, "invalid api token");
    static final ErrorBytes INJECTED_BAD_REQUEST =
            error(400, "invalid request: invalid value in request (injected by the simulator)");
    static final ErrorBytes INTERNAL = error(500, "internal server error, this has been reported to our developers");
    static final ErrorBytes OVERLOADED = error(503, "the model is overloaded, please try again later");
    private static final ErrorBytes PER_MINUTE_REQUESTS =
            error(429, "You are past the per minute request limit, please wait and try again later.");

    private CohereErrors() {}

    /**
     * The 429 for an exhausted quota: the per-minute wording, or for a daily window the trial key's monthly
     * cap, the longest-lasting limit Cohere has.
     */
    static ErrorBytes rateLimited(Quota quota) {
        boolean requests = quota.unit() == Quota.Unit.REQUESTS;
        if (quota.daily()) {
            return error(
                    429,
                    "You are using a Trial key, which is limited to " + quota.limit()
                            + (requests ? " API calls" : " tokens")
                            + " / month. You can continue to use the Trial key for free or upgrade to a"
                            + " Production key with higher rate limits.");
        }
        return requests
                ? PER_MINUTE_REQUESTS
                : error(429, "trial token rate limit exceeded, limit is " + quota.limit() + " tokens per minute");
    }

    static ErrorBytes error(int status, String message) {
        return ErrorBytes.of(status, json -> {
            json.writeStartObject();
            json.writeStringField("message", message);
            json.writeEndObject();
        });
    }
}
