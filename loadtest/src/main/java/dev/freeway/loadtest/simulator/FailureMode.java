package dev.freeway.loadtest.simulator;

/** Upstream misbehaviour the simulator can inject, one per request, in the shape of the request's format. */
public enum FailureMode {
    NONE,
    /** Answers as if the key were over its rate limit, without consuming the window. */
    ALWAYS_429,
    ERROR_500,
    /** The model is overloaded: 503 (Anthropic: 529 {@code overloaded_error}). */
    ERROR_503,
    BAD_REQUEST_400,
    /**
     * Refuses the key as if it were revoked, in the format's words: 401 (Gemini: 400 with reason
     * {@code API_KEY_INVALID}).
     */
    INVALID_KEY,
    /** Closes the connection without writing a byte of response. */
    RESET,
    /** Reads the request and never answers; released only when the simulator closes. */
    HANG,
    /** Status 200 and a JSON content type, but the body stops mid-object. */
    MALFORMED,
    /**
     * Streams send headers and two events (fewer if the stream is that short: never the last one), then lose
     * the connection; non-streams behave like RESET.
     */
    STREAM_CUT
}
