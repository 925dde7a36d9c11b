package dev.freeway.gateway.provider;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Incremental server-sent-events parser: feeds arbitrary TCP chunks, emits the data of each complete
 * event. Comments (keep-alives such as {@code : PROCESSING}), {@code event:} and {@code id:} lines
 * are dropped; multi-line data is joined with newlines as the SSE spec says.
 */
public final class SseEventSplitter {
    private Buffer pending = Buffer.buffer();
    private StringBuilder data;

    public void feed(Buffer chunk, Consumer<String> onData) {
        Buffer input = pending.length() == 0 ? chunk : pending.appendBuffer(chunk);
        int lineStart = 0;
        int length = input.length();
        for (int i = 0; i < length; i++) {
            if (input.getByte(i) == '\n') {
                int lineEnd = i > lineStart && input.getByte(i - 1) == '\r' ? i - 1 : i;
                line(input, lineStart, lineEnd, onData);
                lineStart = i + 1;
            }
        }
        pending = lineStart == length ? Buffer.buffer() : input.getBuffer(lineStart, length);
    }

    private void line(Buffer input, int start, int end, Consumer<String> onData) {
        if (start == end) {
            if (data != null) {
                String event = data.toString();
                data = null;
                onData.accept(event);
            }
            return;
        }
        if (end - start >= 5 && input.getString(start, start + 5, "US-ASCII").equals("data:")) {
            int valueStart = start + 5;
            if (valueStart < end && input.getByte(valueStart) == ' ') {
                valueStart++;
            }
            String value = input.getString(valueStart, end, StandardCharsets.UTF_8.name());
            if (data == null) {
                data = new StringBuilder(value);
            } else {
                data.append('\n').append(value);
            }
        }
    }
}
