package dev.freeway.loadtest.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Watches a chat completion event stream for the first token (the first event whose
 * {@code choices[0].delta.content} is non-empty; the opening role-only event does not count) and for the
 * closing {@code [DONE]}. Events are separated by a blank line ({@code \n\n}), as both the simulator and
 * the gateway write them.
 */
final class SseProbe {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DATA = "data:";

    private Buffer pending = Buffer.buffer();
    private long firstTokenNanos;
    private boolean done;

    void feed(Buffer chunk) {
        pending.appendBuffer(chunk);
        int from = 0;
        for (int end = eventEnd(from); end >= 0; end = eventEnd(from)) {
            event(pending.getString(from, end, StandardCharsets.UTF_8.name()));
            from = end + 2;
        }
        pending = from == 0 ? pending : pending.getBuffer(from, pending.length());
    }

    /** 0 until the first token has arrived. */
    long firstTokenNanos() {
        return firstTokenNanos;
    }

    /** True when the last complete event was {@code [DONE]} and nothing followed it. */
    boolean complete() {
        return done && pending.length() == 0;
    }

    private int eventEnd(int from) {
        for (int i = from; i + 1 < pending.length(); i++) {
            if (pending.getByte(i) == '\n' && pending.getByte(i + 1) == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void event(String event) {
        if (!event.startsWith(DATA)) {
            return;
        }
        String data = event.substring(DATA.length()).trim();
        done = data.equals("[DONE]");
        // Only the events before the first token need parsing; the rest are just counted through.
        if (firstTokenNanos == 0 && !done && hasContent(data)) {
            firstTokenNanos = System.nanoTime();
        }
    }

    private static boolean hasContent(String data) {
        try {
            JsonNode content =
                    JSON.readTree(data).path("choices").path(0).path("delta").path("content");
            return content.isTextual() && !content.asText().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
