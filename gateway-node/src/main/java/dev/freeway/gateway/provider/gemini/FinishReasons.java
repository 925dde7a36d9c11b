package dev.freeway.gateway.provider.gemini;

import java.util.Set;

/** Gemini's {@code finishReason} as OpenAI's {@code finish_reason}. */
final class FinishReasons {
    private static final Set<String> FILTERED =
            Set.of("SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY");

    private FinishReasons() {}

    /**
     * @param calledFunctions whether the candidate returned function calls: Gemini reports
     *     {@code STOP} for those, OpenAI clients wait for {@code tool_calls}
     */
    static String toOpenAi(String geminiReason, boolean calledFunctions) {
        if (geminiReason.equals("MAX_TOKENS")) {
            return "length";
        }
        if (FILTERED.contains(geminiReason)) {
            return "content_filter";
        }
        return calledFunctions ? "tool_calls" : "stop";
    }
}
