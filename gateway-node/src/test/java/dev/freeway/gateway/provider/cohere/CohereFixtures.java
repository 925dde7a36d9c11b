package dev.freeway.gateway.provider.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeway.gateway.json.Json;
import dev.freeway.gateway.provider.SseEventSplitter;
import dev.freeway.gateway.provider.wire.StreamTranslator;
import dev.freeway.gateway.provider.wire.WireCall;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The golden files under {@code fixtures/cohere} and the fixed call they are translated for. */
final class CohereFixtures {
    static final String COMPLETION_ID = "chatcmpl-fixture";
    static final long CREATED = 1_730_000_000L;
    static final String MODEL = "command-a-03-2025";
    static final String KEY = "test-key-not-a-credential";

    /** Network reads rarely line up with events; splitting the raw stream keeps the test honest. */
    private static final int READ_SIZE = 61;

    private CohereFixtures() {}

    static WireCall call(JsonNode request) {
        return new WireCall(
                (ObjectNode) request, MODEL, KEY, request.path("stream").asBoolean(false), COMPLETION_ID, CREATED);
    }

    static WireCall call() {
        return call(Json.MAPPER.createObjectNode());
    }

    static JsonNode json(String name) {
        return parse(text(name));
    }

    static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        try (InputStream in = CohereFixtures.class.getResourceAsStream("/fixtures/cohere/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One expected chunk per line. */
    static List<JsonNode> jsonLines(String name) {
        return Arrays.stream(text(name).split("\n"))
                .filter(line -> !line.isBlank())
                .map(CohereFixtures::parse)
                .toList();
    }

    /**
     * A tree as it travels: serialised and read back, so numbers compare by value rather than by
     * the Java type that built them.
     */
    static JsonNode wire(JsonNode node) {
        return parse(node.toString());
    }

    /** Raw SSE through the gateway's splitter and Jackson into the translator, then the end of body. */
    static List<JsonNode> translate(String rawSse, StreamTranslator translator) {
        List<JsonNode> chunks = new ArrayList<>();
        SseEventSplitter splitter = new SseEventSplitter();
        byte[] bytes = rawSse.getBytes(StandardCharsets.UTF_8);
        for (int from = 0; from < bytes.length; from += READ_SIZE) {
            Buffer read = Buffer.buffer(Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + READ_SIZE)));
            splitter.feed(read, data -> translator.onEvent(parse(data), chunk -> chunks.add(wire(chunk))));
        }
        translator.onEnd(chunk -> chunks.add(wire(chunk)));
        return chunks;
    }
}
