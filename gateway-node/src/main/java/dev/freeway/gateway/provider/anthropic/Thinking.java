package dev.freeway.gateway.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OpenAI's {@code reasoning_effort} as Anthropic's extended thinking, when Anthropic would accept
 * it. Thinking is a hint, so whenever it would make the request fail it is left out instead.
 */
final class Thinking {
    /** Anthropic's smallest thinking budget. */
    static final int MIN_BUDGET = 1024;
    /** Output kept for the answer itself: the budget counts against {@code max_tokens}. */
    static final int MIN_ANSWER = 1024;

    private Thinking() {}

    /** The {@code thinking} object, or null when thinking is not asked for or not possible. */
    static ObjectNode config(JsonNode request, int maxTokens, boolean answerToolForced) {
        int wanted = budget(request.path("reasoning_effort").asText(""));
        if (wanted == 0
                || answerToolForced
                || Tools.forceToolUse(request)
                || awaitsSignedThinking(request.path("messages"))) {
            return null;
        }
        int budget = Math.min(wanted, maxTokens - MIN_ANSWER);
        if (budget < MIN_BUDGET) {
            return null;
        }
        return JsonNodeFactory.instance.objectNode().put("type", "enabled").put("budget_tokens", budget);
    }

    private static int budget(String effort) {
        return switch (effort) {
            case "minimal", "low" -> 1024;
            case "medium" -> 4096;
            case "high" -> 16384;
            default -> 0;
        };
    }

    /**
     * With thinking on, Anthropic wants the last assistant turn of an unfinished tool loop to start
     * with its signed thinking block, which OpenAI clients cannot send back; and it refuses a
     * trailing assistant turn (a prefill) outright.
     */
    private static boolean awaitsSignedThinking(JsonNode messages) {
        JsonNode lastAssistant = null;
        JsonNode last = null;
        for (JsonNode message : messages) {
            last = message;
            if ("assistant".equals(message.path("role").asText())) {
                lastAssistant = message;
            }
        }
        return lastAssistant != null
                && (last == lastAssistant || !lastAssistant.path("tool_calls").isEmpty());
    }
}
