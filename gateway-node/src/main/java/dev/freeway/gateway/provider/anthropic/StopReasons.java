package dev.freeway.gateway.provider.anthropic;

/** Anthropic's {@code stop_reason} as OpenAI's {@code finish_reason}. */
final class StopReasons {
    private StopReasons() {}

    /**
     * @param stopReason Anthropic's reason, null when it never said
     * @param answerToolForced whether a {@code tool_use} stop is the JSON answer of {@link JsonMode}
     */
    static String finishReason(String stopReason, boolean answerToolForced) {
        if (stopReason == null) {
            return "stop";
        }
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> answerToolForced ? "stop" : "tool_calls";
            case "refusal" -> "content_filter";
            // end_turn, stop_sequence, pause_turn (a server tool loop paused) and reasons added later
            default -> "stop";
        };
    }
}
