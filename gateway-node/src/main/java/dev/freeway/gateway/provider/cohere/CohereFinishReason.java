package dev.freeway.gateway.provider.cohere;

/** Cohere's {@code finish_reason} values in OpenAI's words. */
final class CohereFinishReason {
    private CohereFinishReason() {}

    /** {@code ERROR} and {@code TIMEOUT}: the generation failed rather than finished. */
    static boolean failed(String reason) {
        return reason.equals("ERROR") || reason.equals("TIMEOUT");
    }

    /**
     * {@code COMPLETE} and {@code STOP_SEQUENCE} are OpenAI's {@code stop}; so is any value Cohere
     * adds later, since the answer is there and {@code stop} promises nothing more.
     */
    static String toOpenAi(String reason) {
        return switch (reason) {
            case "MAX_TOKENS" -> "length";
            case "TOOL_CALL" -> "tool_calls";
            default -> "stop";
        };
    }
}
