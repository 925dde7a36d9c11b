package dev.freeway.loadtest.simulator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Streams JSON straight to bytes: response bodies are written field by field, never built as trees. */
final class JsonBytes {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final byte[] NONE = {};
    private static final byte[] SSE_PREFIX = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SSE_SUFFIX = "\n\n".getBytes(StandardCharsets.US_ASCII);

    @FunctionalInterface
    interface Writer {
        void write(JsonGenerator json) throws IOException;
    }

    private JsonBytes() {}

    static byte[] json(Writer writer) {
        return bytes(NONE, writer, NONE);
    }

    /** One server-sent event whose data is the written JSON. */
    static byte[] sseEvent(Writer writer) {
        return bytes(SSE_PREFIX, writer, SSE_SUFFIX);
    }

    /** One server-sent event with a name ({@code event:} line) and the written JSON as data. */
    static byte[] sseEvent(String event, Writer writer) {
        return bytes(("event: " + event + "\ndata: ").getBytes(StandardCharsets.US_ASCII), writer, SSE_SUFFIX);
    }

    /** The written JSON between the given bytes, for framings the other methods do not cover. */
    static byte[] framed(byte[] prefix, Writer writer, byte[] suffix) {
        return bytes(prefix, writer, suffix);
    }

    static String string(Writer writer) {
        return new String(bytes(NONE, writer, NONE), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(byte[] prefix, Writer writer, byte[] suffix) {
        ByteArrayBuilder out = new ByteArrayBuilder(512);
        out.write(prefix);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            writer.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write(suffix);
        return out.toByteArray();
    }
}
