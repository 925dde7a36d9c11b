package dev.freeway.loadtest.simulator;

/** The errors whose body does not depend on the request, which each format words in its own shape. */
enum FixedError {
    /** The request carries no API key where the format expects one. */
    MISSING_KEY,
    /** {@link FailureMode#INVALID_KEY}: the key is refused as if revoked. */
    INVALID_KEY,
    /** {@link FailureMode#BAD_REQUEST_400}. */
    BAD_REQUEST,
    /** {@link FailureMode#ERROR_500}. */
    SERVER_ERROR,
    /** {@link FailureMode#ERROR_503}: the model is overloaded (Anthropic says so with 529). */
    OVERLOADED
}
