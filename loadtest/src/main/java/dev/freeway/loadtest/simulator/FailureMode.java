package dev.freeway.loadtest.simulator;

/** Upstream misbehaviour the simulator can inject, one per request. */
public enum FailureMode {
    NONE,
    /** Answers as if the key were over its rate limit, without consuming the window. */
    ALWAYS_429,
    ERROR_500,
    ERROR_503,
    BAD_REQUEST_400,
    /** Closes the connection without writing a byte of response. */
    RESET,
    /** Reads the request and never answers; released only when the simulator closes. */
    HANG,
    /** Status 200 and a JSON content type, but the body stops mid-object. */
    MALFORMED,
    /** Streams send headers and two chunks, then lose the connection; non-streams behave like RESET. */
    STREAM_CUT
}
