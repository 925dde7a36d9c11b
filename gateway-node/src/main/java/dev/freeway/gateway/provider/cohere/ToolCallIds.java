package dev.freeway.gateway.provider.cohere;

/**
 * Ids for tool calls Cohere sent without one. Clients echo the id back in the tool result, so it
 * must be stable within the answer and unique across answers: the completion id provides both.
 */
final class ToolCallIds {
    private ToolCallIds() {}

    static String orFallback(String id, String completionId, int index) {
        if (id != null && !id.isEmpty()) {
            return id;
        }
        return "call_" + completionId.replace("chatcmpl-", "") + "_" + index;
    }
}
