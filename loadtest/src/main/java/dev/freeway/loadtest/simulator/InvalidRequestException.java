package dev.freeway.loadtest.simulator;

/** A request the simulator rejects with 400; carries the error to answer with, in the request's format. */
final class InvalidRequestException extends Exception {
    private final transient ErrorReply error;

    /** A rejection in OpenAI's shape. */
    InvalidRequestException(String message, String param, String code) {
        this(message, OpenAiError.invalidRequest(message, param, code));
    }

    InvalidRequestException(String message, ErrorReply error) {
        // No stack trace: this is an expected answer, not a fault, and it is cheap to throw.
        super(message, null, false, false);
        this.error = error;
    }

    ErrorReply error() {
        return error;
    }
}
