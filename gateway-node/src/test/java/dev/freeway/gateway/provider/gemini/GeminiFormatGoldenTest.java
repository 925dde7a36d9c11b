package dev.freeway.gateway.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden files under {@code fixtures/gemini/}, built from the shapes in Google's Gemini API
 * reference: an OpenAI request and the Gemini call it must become, a Gemini answer or raw SSE
 * stream and the OpenAI objects it must become, a Google error and what it means for failover.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class GeminiFormatGoldenTest {
    private static final String API_KEY = "test-key-not-a-real-one";
    /** Stands for {@link #API_KEY} in the expected headers, so fixtures hold no key at all. */
    private static final String API_KEY_PLACEHOLDER = "<api key>";

    private static final String COMPLETION_ID = "chatcmpl-gemini-test";
    private static final long CREATED = 1767225600L;
    private static final String ANSWER_MODEL = "gemini-2.5-flash";

    /** Jackson trees compare numbers by node type (an int is not a long); compare them by value. */
    private static final Comparator<JsonNode> BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private final GeminiFormat format = new GeminiFormat();

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "text-history",
                "gemma-system",
                "tools-history",
                "tool-choice-required",
                "json-schema",
                "image",
                "stop-string-max-tokens",
                "stop-array-max-completion-tokens"
            })
    void translates_the_request(String name) {
        JsonNode openAi = fixture("request-" + name + ".openai.json");
        JsonNode expected = fixture("request-" + name + ".gemini.json");

        WireRequest wire = format.request(call(
                openAi, openAi.path("model").asText(), openAi.path("stream").asBoolean(false)));

        assertThat(wire.path()).isEqualTo(expected.path("path").asText());
        Map<String, String> headers = new HashMap<>();
        expected.path("headers")
                .properties()
                .forEach(header ->
                        headers.put(header.getKey(), header.getValue().asText().replace(API_KEY_PLACEHOLDER, API_KEY)));
        assertThat(wire.headers()).isEqualTo(headers);
        assertJson(wire.body(), expected.path("body"));
        assertThat(wire.path() + wire.body()).doesNotContain(API_KEY);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "text-with-thoughts",
                "tool-calls-with-signature",
                "tool-call-without-id",
                "length",
                "safety",
                "blocked-prompt",
                "two-candidates"
            })
    void translates_the_answer(String name) {
        JsonNode expected = fixture("answer-" + name + ".openai.json");

        Translated translated = format.answer(fixture("answer-" + name + ".gemini.json"), call(false));

        assertJson(translated.completion(), expected);
        assertThat(translated.usage())
                .isEqualTo(expected.has("usage") ? Usage.fromOpenAi(expected.path("usage")) : Usage.UNKNOWN);
    }

    /**
     * The expected lines are what the client reads before {@code [DONE]}: the translator's chunks,
     * then the usage chunk the provider adds from {@link StreamTranslator#usage()}.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "tool-calls", "thinking", "ends-without-finish", "blocked-prompt"})
    void translates_the_stream(String name) {
        WireCall call = call(true);
        StreamTranslator translator = format.stream(call);
        ArrayNode chunks = JsonNodeFactory.instance.arrayNode();

        new SseEventSplitter()
                .feed(
                        Buffer.buffer(resource("stream-" + name + ".gemini.sse")),
                        data -> translator.onEvent(parse(data), chunks::add));
        translator.onEnd(chunks::add);
        if (translator.usage().known()) {
            chunks.add(call.chunks().usageChunk(translator.usage()));
        }

        ArrayNode expected = JsonNodeFactory.instance.arrayNode();
        resource("stream-" + name + ".openai.jsonl")
                .lines()
                .map(GeminiFormatGoldenTest::parse)
                .forEach(expected::add);
        assertJson(chunks, expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "rate-limit-minute",
                "rate-limit-day",
                "rate-limit-without-quota-details",
                "overloaded",
                "invalid-key",
                "array-wrapped",
                "suspended-key",
                "invalid-argument",
                "location-not-supported",
                "internal",
                "model-not-found"
            })
    void reads_the_error(String name) {
        JsonNode fixture = fixture("error-" + name + ".json");
        JsonNode reading = fixture.path("reading");
        String kind = reading.path("kind").asText("");

        ErrorReading actual = format.error(fixture.path("status").asInt(), fixture.path("body"));

        assertThat(actual)
                .isEqualTo(new ErrorReading(
                        kind.isEmpty() ? null : Kind.valueOf(kind),
                        Axis.valueOf(reading.path("axis").asText("UNKNOWN")),
                        reading.path("retryAfterMillis").asLong(0),
                        reading.path("message").asText()));
    }

    private static WireCall call(boolean stream) {
        return call(JsonNodeFactory.instance.objectNode(), ANSWER_MODEL, stream);
    }

    private static WireCall call(JsonNode request, String upstreamModel, boolean stream) {
        return new WireCall((ObjectNode) request, upstreamModel, API_KEY, stream, COMPLETION_ID, CREATED);
    }

    private static void assertJson(JsonNode actual, JsonNode expected) {
        if (!actual.equals(BY_VALUE, expected)) {
            assertThat(actual.toPrettyString()).isEqualTo(expected.toPrettyString());
        }
    }

    private static JsonNode fixture(String name) {
        return parse(resource(name));
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = GeminiFormatGoldenTest.class.getResourceAsStream("/fixtures/gemini/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
