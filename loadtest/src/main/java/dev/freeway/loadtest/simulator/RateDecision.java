package dev.freeway.loadtest.simulator;

import io.vertx.core.MultiMap;

/**
 * The outcome of a rate-limit check.
 *
 * @param refusedBy the exhausted quota that refuses the request, or null when it is allowed
 * @param requests where the key stands in requests, or null when no request limit is configured
 * @param tokens where the key stands in tokens, or null when no token limit is configured
 */
record RateDecision(Quota refusedBy, Quota requests, Quota tokens) {
    /** No limit configured: nothing to advertise, so no headers are written. */
    static final RateDecision UNLIMITED = new RateDecision(null, null, null);

    boolean allowed() {
        return refusedBy == null;
    }

    void writeHeaders(MultiMap headers) {
        if (requests != null) {
            requests.writeHeaders(headers);
        }
        if (tokens != null) {
            tokens.writeHeaders(headers);
        }
    }

    /** The 429 body, which names the kind of limit hit, as OpenAI's and Groq's do. */
    OpenAiError error() {
        return refusedBy.unit() == Quota.Unit.TOKENS ? OpenAiError.TOKENS_RATE_LIMITED : OpenAiError.RATE_LIMITED;
    }
}
