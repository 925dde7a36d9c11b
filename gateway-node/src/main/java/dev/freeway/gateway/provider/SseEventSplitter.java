package dev.freeway.gateway.provider;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Incremental server-sent-events parser: feeds arbitrary TCP chunks, emits the data of each complete
 * event. Comments (keep-alives such as {@code : PROCESSING}), {@code event:} and {@code id:} lines
 * are dropped; multi-line data is joined with newlines as the SSE spec says. Scans a plain byte
 * array: this runs for every chunk of every stream.
 */
public final class SseEventSplitter {
    private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);

    private byte[] pending;
    private StringBuilder data;

    public void feed(Buffer chunk, Consumer<String> onData) {
        byte[] bytes = pending == null ? chunk.getBytes() : append(pending, chunk.getBytes());
        int lineStart = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                int lineEnd = i > lineStart && bytes[i - 1] == '\r' ? i - 1 : i;
                line(bytes, lineStart, lineEnd, onData);
                lineStart = i + 1;
            }
        }
        pending = lineStart == bytes.length ? null : Arrays.copyOfRange(bytes, lineStart, bytes.length);
    }

    private void line(byte[] bytes, int start, int end, Consumer<String> onData) {
        if (start == end) {
            if (data != null) {
                String event = data.toString();
                data = null;
                onData.accept(event);
            }
            return;
        }
        if (!startsWithData(bytes, start, end)) {
            return;
        }
        int valueStart = start + DATA.length;
        if (valueStart < end && bytes[valueStart] == ' ') {
            valueStart++;
        }
        String value = new String(bytes, valueStart, end - valueStart, StandardCharsets.UTF_8);
        if (data == null) {
            data = new StringBuilder(value);
        } else {
            data.append('\n').append(value);
        }
    }

    private static boolean startsWithData(byte[] bytes, int start, int end) {
        return end - start >= DATA.length && Arrays.equals(bytes, start, start + DATA.length, DATA, 0, DATA.length);
    }

    private static byte[] append(byte[] head, byte[] tail) {
        byte[] joined = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, joined, head.length, tail.length);
        return joined;
    }
}
