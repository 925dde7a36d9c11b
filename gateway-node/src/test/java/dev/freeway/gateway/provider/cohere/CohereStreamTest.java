package dev.freeway.gateway.provider.cohere;

import static dev.freeway.gateway.provider.cohere.CohereFixtures.call;
import static dev.freeway.gateway.provider.cohere.CohereFixtures.jsonLines;
import static dev.freeway.gateway.provider.cohere.CohereFixtures.parse;
import static dev.freeway.gateway.provider.cohere.CohereFixtures.text;
import static dev.freeway.gateway.provider.cohere.CohereFixtures.translate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeway.gateway.provider.UpstreamFailure.Kind;
import dev.freeway.gateway.provider.Usage;
import dev.freeway.gateway.provider.wire.StreamTranslator;
import dev.freeway.gateway.provider.wire.StreamTranslator.ErrorEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CohereStreamTest {
    private static final String TEXT_DELTA =
            "{\"type\":\"content-delta\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"text\":\"Hi\"}}}}";

    private final CohereFormat format = new CohereFormat();
    private final List<ObjectNode> chunks = new ArrayList<>();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "tool-calls", "thinking"})
    void translates_the_stream_as_openai_sends_it(String name) {
        List<JsonNode> chunks = translate(text("stream-" + name + ".cohere.sse"), format.stream(call()));

        assertThat(chunks).containsExactlyElementsOf(jsonLines("stream-" + name + ".openai.jsonl"));
    }

    @Test
    void takes_usage_from_message_end() {
        StreamTranslator translator = format.stream(call());
        assertThat(translator.usage()).isEqualTo(Usage.UNKNOWN);

        translate(text("stream-tool-calls.cohere.sse"), translator);

        assertThat(translator.usage()).isEqualTo(new Usage(913, 83));
    }

    @Test
    void sends_the_role_first_when_cohere_skips_message_start() {
        StreamTranslator translator = format.stream(call());

        translator.onEvent(parse(TEXT_DELTA), chunks::add);

        assertThat(chunks).hasSize(2);
        assertThat(delta(0).path("role").asText()).isEqualTo("assistant");
        assertThat(delta(1).path("content").asText()).isEqualTo("Hi");
    }

    @Test
    void ends_in_an_error_event_when_the_generation_fails_and_keeps_its_usage() {
        StreamTranslator translator = format.stream(call());
        translator.onEvent(parse(TEXT_DELTA), chunks::add);

        ErrorEvent error = catchThrowableOfType(
                () -> translator.onEvent(
                        parse(
                                "{\"type\":\"message-end\",\"delta\":{\"error\":\"model overloaded\","
                                        + "\"finish_reason\":\"ERROR\",\"usage\":{\"tokens\":{\"input_tokens\":8,\"output_tokens\":1}}}}"),
                        chunks::add),
                ErrorEvent.class);

        assertThat(error.reading().kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(error.reading().message()).isEqualTo("model overloaded");
        assertThat(translator.usage()).isEqualTo(new Usage(8, 1));
        assertThat(chunks)
                .allMatch(chunk ->
                        chunk.path("choices").get(0).path("finish_reason").isNull());
    }

    @Test
    void reports_a_timed_out_generation_as_a_timeout() {
        ErrorEvent error = catchThrowableOfType(
                () -> format.stream(call())
                        .onEvent(
                                parse("{\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"TIMEOUT\"}}"),
                                chunks::add),
                ErrorEvent.class);

        assertThat(error.reading().kind()).isEqualTo(Kind.TIMEOUT);
    }

    @Test
    void ends_in_an_error_event_when_cohere_sends_its_error_object() {
        ErrorEvent error = catchThrowableOfType(
                () -> format.stream(call())
                        .onEvent(parse("{\"id\":\"x\",\"message\":\"internal server error\"}"), chunks::add),
                ErrorEvent.class);

        assertThat(error.reading().message()).isEqualTo("internal server error");
    }

    @Test
    void closes_a_stream_cut_off_before_message_end() {
        StreamTranslator translator = format.stream(call());
        translator.onEvent(
                parse("{\"type\":\"tool-call-start\",\"index\":0,\"delta\":{\"message\":{\"tool_calls\":"
                        + "{\"type\":\"function\",\"function\":{\"name\":\"now\",\"arguments\":\"{}\"}}}}}"),
                chunks::add);

        translator.onEnd(chunks::add);

        assertThat(delta(1).path("tool_calls").get(0).path("id").asText()).isEqualTo("call_fixture_0");
        assertThat(chunks.get(2).path("choices").get(0).path("finish_reason").asText())
                .isEqualTo("tool_calls");
    }

    @Test
    void sends_no_second_finish_after_message_end() {
        StreamTranslator translator = format.stream(call());
        translator.onEvent(
                parse("{\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"MAX_TOKENS\"}}"), chunks::add);

        translator.onEnd(chunks::add);

        assertThat(chunks).hasSize(2);
        assertThat(chunks.get(1).path("choices").get(0).path("finish_reason").asText())
                .isEqualTo("length");
    }

    private JsonNode delta(int chunk) {
        return chunks.get(chunk).path("choices").get(0).path("delta");
    }
}
