package dev.freeway.gateway.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeway.gateway.json.Json;
import dev.freeway.gateway.provider.SseEventSplitter;
import dev.freeway.gateway.provider.UpstreamFailure.Axis;
import dev.freeway.gateway.provider.UpstreamFailure.Kind;
import dev.freeway.gateway.provider.Usage;
import dev.freeway.gateway.provider.wire.ErrorReading;
import dev.freeway.gateway.provider.wire.StreamTranslator;
import dev.freeway.gateway.provider.wire.Translated;
import dev.freeway.gateway.provider.wire.WireCall;
import dev.freeway.gateway.provider.wire.WireRequest;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Request, answer, stream and error translation against the golden files in
 * {@code src/test/resources/fixtures/anthropic}, built from Anthropic's documented examples. Every
 * file pair found there is a case, so a new fixture needs no new test.
 */
class AnthropicFormatGoldenTest {
    /** Small enough that events and multi-byte characters straddle reads, as they do on the wire. */
    private static final int READ_SIZE = 50;

    private final AnthropicFormat format = new AnthropicFormat();

    static Stream<String> requests() {
        return Fixtures.cases("request-", ".openai.json");
    }

    static Stream<String> answers() {
        return Fixtures.cases("answer-", ".anthropic.json");
    }

    static Stream<String> streams() {
        return Fixtures.cases("stream-", ".anthropic.sse");
    }

    static Stream<String> errors() {
        return Fixtures.cases("error-", ".json");
    }

    @ParameterizedTest(name = "request {0}")
    @MethodSource("requests")
    void translates_the_request(String name) {
        ObjectNode request = Fixtures.requestFor(name);
        JsonNode untouched = request.deepCopy();

        WireRequest wire = format.request(Fixtures.call(request));

        ObjectNode actual = JsonNodeFactory.instance.objectNode().put("path", wire.path());
        actual.set("headers", Json.MAPPER.valueToTree(wire.headers()));
        actual.set("body", wire.body());
        assertThat(Fixtures.asSent(actual)).isEqualTo(Fixtures.json("request-" + name + ".anthropic.json"));
        assertThat(wire.body().toString()).doesNotContain(Fixtures.API_KEY);
        assertThat(request).isEqualTo(untouched);
    }

    @ParameterizedTest(name = "answer {0}")
    @MethodSource("answers")
    void translates_the_answer(String name) {
        JsonNode expected = Fixtures.json("answer-" + name + ".openai.json");

        Translated translated = format.answer(
                Fixtures.json("answer-" + name + ".anthropic.json"), Fixtures.call(Fixtures.requestFor(name)));

        assertThat(Fixtures.asSent(translated.completion())).isEqualTo(expected);
        assertThat(translated.usage()).isEqualTo(Usage.fromOpenAi(expected.get("usage")));
    }

    /**
     * The raw SSE goes through the splitter the provider uses; after the end comes the usage chunk
     * the provider appends when the client asked for usage. A stream ending in an error event
     * expects the reading in {@code stream-<case>.error.json} and only the chunks sent before it.
     */
    @ParameterizedTest(name = "stream {0}")
    @MethodSource("streams")
    void translates_the_stream(String name) {
        WireCall call = Fixtures.call(Fixtures.requestFor(name));
        StreamTranslator translator = format.stream(call);
        List<JsonNode> chunks = new ArrayList<>();
        ErrorReading error = null;
        SseEventSplitter splitter = new SseEventSplitter();
        byte[] raw = Fixtures.text("stream-" + name + ".anthropic.sse").getBytes(StandardCharsets.UTF_8);
        try {
            for (int at = 0; at < raw.length; at += READ_SIZE) {
                byte[] read = Arrays.copyOfRange(raw, at, Math.min(raw.length, at + READ_SIZE));
                splitter.feed(
                        Buffer.buffer(read),
                        data -> translator.onEvent(Fixtures.parse(data), chunk -> chunks.add(Fixtures.asSent(chunk))));
            }
            translator.onEnd(chunk -> chunks.add(Fixtures.asSent(chunk)));
            chunks.add(Fixtures.asSent(call.chunks().usageChunk(translator.usage())));
        } catch (StreamTranslator.ErrorEvent e) {
            error = e.reading();
        }

        List<JsonNode> expected = Fixtures.text("stream-" + name + ".openai.jsonl")
                .lines()
                .filter(line -> !line.isBlank())
                .map(Fixtures::parse)
                .toList();
        assertThat(chunks).containsExactlyElementsOf(expected);
        String errorFile = "stream-" + name + ".error.json";
        assertThat(error).isEqualTo(Fixtures.exists(errorFile) ? reading(Fixtures.json(errorFile)) : null);
    }

    /** A fixture without {@code body} stands for an answer that was not JSON. */
    @ParameterizedTest(name = "error {0}")
    @MethodSource("errors")
    void reads_the_error(String name) {
        JsonNode fixture = Fixtures.json("error-" + name + ".json");

        ErrorReading reading = format.error(fixture.path("status").asInt(), fixture.path("body"));

        assertThat(reading).isEqualTo(reading(fixture.path("expected")));
    }

    private static ErrorReading reading(JsonNode expected) {
        JsonNode kind = expected.path("kind");
        return new ErrorReading(
                kind.isNull() ? null : Kind.valueOf(kind.asText()),
                Axis.valueOf(expected.path("axis").asText()),
                expected.path("retryAfterMillis").asLong(),
                expected.path("message").asText());
    }
}
