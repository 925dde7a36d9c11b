package dev.freeway.loadtest.simulator;

/**
 * Reads a conversation in any format as OpenAI's messages would be read: each system prompt, turn and
 * tool result counts as one message, so a conversation translated between formats costs the same prompt
 * tokens and gets the same answer. {@link ChatRequest#parse} does the same for OpenAI's own format inline.
 */
final class PromptTally {
    private long chars;
    private int messages;
    private String lastUserText = "";
    private boolean lastIsToolResult;
    private String lastText = "";

    /** A system prompt or a user or assistant turn. */
    void message(boolean fromUser, String text) {
        add(text);
        lastIsToolResult = false;
        if (fromUser) {
            lastUserText = text;
        }
    }

    /** One tool result, which OpenAI sends as a message of its own. */
    void toolResult(String text) {
        add(text);
        lastIsToolResult = true;
    }

    /**
     * The request these facts make. A model that has a tool result answers it in text, so {@code toolToCall}
     * (null for none) only applies when the conversation does not end with one, as in OpenAI's format.
     */
    ChatRequest request(String model, boolean stream, int maxTokens, String toolToCall) {
        String toolResult = lastIsToolResult ? lastText : null;
        return new ChatRequest(
                model,
                stream,
                false,
                ChatRequest.promptTokens(chars, messages),
                lastUserText,
                toolResult,
                toolResult == null ? toolToCall : null,
                maxTokens);
    }

    private void add(String text) {
        chars += text.length();
        messages++;
        lastText = text;
    }
}
