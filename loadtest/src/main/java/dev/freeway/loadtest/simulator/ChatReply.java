package dev.freeway.loadtest.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * The simulated model's deterministic answer to one request, so tests can predict every byte of it. Its
 * usage is fixed by the request too, and is exactly what token limits count, streamed or not.
 *
 * @param content the text answer, or null when the model calls a tool
 * @param toolCall the tool call, or null for a text answer
 * @param promptTokens a quarter of the characters of all message texts, rounded up, plus 4 per message
 *     (see {@link ChatRequest})
 * @param completionTokens the words of {@code content}, or for a tool call a quarter of the characters of
 *     its name and arguments, rounded up
 * @param truncated whether the text stopped at the request's {@code maxTokens}, leaving that many words; tool
 *     calls are never cut
 */
record ChatReply(
        String id,
        long created,
        String model,
        String content,
        ToolCall toolCall,
        int promptTokens,
        int completionTokens,
        boolean truncated) {

    private static final String TOOL_ARGUMENTS = "{\"city\":\"Paris\"}";
    private static final int ECHO_LENGTH = 40;
    /** Argument fragments are this long, roughly the size of the JSON tokens real models emit. */
    private static final int ARGUMENT_FRAGMENT = 4;

    record ToolCall(String id, String name, String arguments) {}

    static ChatReply answer(ChatRequest request, String simulatorName, long sequence, long created) {
        String id = "chatcmpl-sim-" + sequence;
        String tool = request.toolToCall();
        if (tool != null) {
            ToolCall call = new ToolCall("call_sim_" + sequence, tool, TOOL_ARGUMENTS);
            int tokens = (tool.length() + TOOL_ARGUMENTS.length() + 3) / 4;
            return new ChatReply(id, created, request.model(), null, call, request.promptTokens(), tokens, false);
        }
        String content = request.toolResult() != null
                ? "Hello from " + simulatorName + ": tool said " + head(request.toolResult())
                : "Hello from " + simulatorName + ": " + head(request.lastUserText());
        int words = wordCount(content);
        int cap = request.maxTokens();
        if (cap > 0 && words > cap) {
            String cut = content.substring(0, endOfWords(content, cap));
            return new ChatReply(id, created, request.model(), cut, null, request.promptTokens(), cap, true);
        }
        return new ChatReply(id, created, request.model(), content, null, request.promptTokens(), words, false);
    }

    /** OpenAI's finish reason; the other formats map it to their own words. */
    String finishReason() {
        if (toolCall != null) {
            return "tool_calls";
        }
        return truncated ? "length" : "stop";
    }

    int totalTokens() {
        return promptTokens + completionTokens;
    }

    /**
     * The pieces a stream delivers one chunk each: words with their trailing whitespace (so the pieces
     * concatenate back to the content exactly), or fragments of the tool arguments.
     */
    List<String> streamPieces() {
        List<String> pieces = new ArrayList<>();
        if (toolCall != null) {
            String arguments = toolCall.arguments();
            for (int start = 0; start < arguments.length(); start += ARGUMENT_FRAGMENT) {
                pieces.add(arguments.substring(start, Math.min(arguments.length(), start + ARGUMENT_FRAGMENT)));
            }
            return pieces;
        }
        int start = 0;
        int i = skipWhitespace(content, skipWord(content, skipWhitespace(content, 0)));
        while (start < content.length()) {
            pieces.add(content.substring(start, i));
            start = i;
            i = skipWhitespace(content, skipWord(content, i));
        }
        return pieces;
    }

    private static int wordCount(String text) {
        int words = 0;
        for (int i = skipWhitespace(text, 0); i < text.length(); i = skipWhitespace(text, skipWord(text, i))) {
            words++;
        }
        return words;
    }

    /** Where the {@code words}-th word ends. */
    private static int endOfWords(String text, int words) {
        int i = skipWord(text, skipWhitespace(text, 0));
        for (int word = 1; word < words; word++) {
            i = skipWord(text, skipWhitespace(text, i));
        }
        return i;
    }

    private static int skipWord(String text, int from) {
        int i = from;
        while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int skipWhitespace(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The first characters of the text, never splitting a surrogate pair. */
    private static String head(String text) {
        if (text.length() <= ECHO_LENGTH || text.codePointCount(0, text.length()) <= ECHO_LENGTH) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, ECHO_LENGTH));
    }
}
