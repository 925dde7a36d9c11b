package dev.freeway.gateway.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads a Gemini {@code functionCall} part as the pieces of an OpenAI tool call. */
final class FunctionCalls {
    private FunctionCalls() {}

    /**
     * The OpenAI id of the call, carrying Gemini's call id and the part's thought signature.
     *
     * @param position the call's place among all calls of the answer, from 0
     */
    static String openAiId(JsonNode part, String completionId, int position) {
        JsonNode call = part.path("functionCall");
        String geminiId = call.path("id").isTextual() ? call.path("id").asText() : null;
        String signature = part.path("thoughtSignature").isTextual()
                ? part.path("thoughtSignature").asText()
                : null;
        return ToolCallIds.encode(completionId, position, geminiId, signature);
    }

    static String name(JsonNode part) {
        return part.path("functionCall").path("name").asText();
    }

    /** The arguments as the JSON string OpenAI clients parse; {@code {}} when Gemini sent none. */
    static String arguments(JsonNode part) {
        JsonNode args = part.path("functionCall").path("args");
        return args.isObject() ? args.toString() : "{}";
    }
}
