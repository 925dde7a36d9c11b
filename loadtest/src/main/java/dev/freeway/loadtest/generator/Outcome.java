package dev.freeway.loadtest.generator;

/**
 * How one request ended.
 *
 * @param firstTokenNanos when the first non-empty content delta arrived; 0 for non-streaming requests
 * @param error null on success, otherwise a short label errors are counted under
 */
record Outcome(long endNanos, long firstTokenNanos, String error) {
    static Outcome ok(long firstTokenNanos) {
        return new Outcome(System.nanoTime(), firstTokenNanos, null);
    }

    static Outcome failed(String error) {
        return new Outcome(System.nanoTime(), 0, error);
    }

    static Outcome failed(Throwable cause) {
        String message = cause.getMessage();
        return failed(cause.getClass().getSimpleName() + (message == null ? "" : ": " + abbreviate(message)));
    }

    boolean succeeded() {
        return error == null;
    }

    private static String abbreviate(String message) {
        return message.length() <= 60 ? message : message.substring(0, 60) + "…";
    }
}
