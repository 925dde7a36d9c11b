package dev.freeway.loadtest.simulator;

/** A request the simulator rejects with 400; carries the OpenAI error to answer with. */
final class InvalidRequestException extends Exception {
    private final transient OpenAiError error;

    InvalidRequestException(String message, String param, String code) {
        // No stack trace: this is an expected answer, not a fault, and it is cheap to throw.
        super(message, null, false, false);
        this.error = OpenAiError.invalidRequest(message, param, code);
    }

    OpenAiError error() {
        return error;
    }
}
