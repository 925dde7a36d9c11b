package dev.freeway.gateway.provider.cohere;

import static dev.freeway.gateway.provider.cohere.CohereFixtures.call;
import static dev.freeway.gateway.provider.cohere.CohereFixtures.json;
import static dev.freeway.gateway.provider.cohere.CohereFixtures.parse;
import static dev.freeway.gateway.provider.cohere.CohereFixtures.wire;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeway.gateway.provider.Usage;
import dev.freeway.gateway.provider.wire.Translated;
import dev.freeway.gateway.provider.wire.WireException;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CohereAnswerTest {
    private final CohereFormat format = new CohereFormat();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "tool-calls", "json-schema", "max-tokens", "thinking"})
    void translates_the_answer_as_openai_sends_it(String name) {
        Translated translated = format.answer(json("answer-" + name + ".cohere.json"), call());
        JsonNode expected = json("answer-" + name + ".openai.json");

        assertThat(wire(translated.completion())).isEqualTo(expected);
        JsonNode usage = expected.path("usage");
        assertThat(translated.usage())
                .isEqualTo(new Usage(
                        usage.path("prompt_tokens").asLong(),
                        usage.path("completion_tokens").asLong()));
    }

    @Test
    void rejects_an_answer_without_a_message() {
        assertThatThrownBy(() -> format.answer(parse("{\"id\": \"x\", \"finish_reason\": \"COMPLETE\"}"), call()))
                .isInstanceOf(WireException.class);
    }

    @Test
    void fails_over_when_a_failed_generation_produced_nothing() {
        JsonNode body = parse(
                "{\"id\": \"x\", \"finish_reason\": \"ERROR\", \"message\": {\"role\": \"assistant\", \"content\": []}}");

        assertThatThrownBy(() -> format.answer(body, call()))
                .isInstanceOf(WireException.class)
                .hasMessageContaining("ERROR");
    }

    @Test
    void returns_what_a_timed_out_generation_produced() {
        JsonNode body = parse("{\"id\": \"x\", \"finish_reason\": \"TIMEOUT\", \"message\": {\"role\": \"assistant\","
                + " \"content\": [{\"type\": \"text\", \"text\": \"Partial\"}]}}");

        JsonNode choice =
                format.answer(body, call()).completion().path("choices").get(0);

        assertThat(choice.path("message").path("content").asText()).isEqualTo("Partial");
        assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void names_a_tool_call_sent_without_id_and_gives_empty_arguments_an_object() {
        JsonNode body = parse(
                "{\"id\": \"x\", \"finish_reason\": \"TOOL_CALL\", \"message\": {\"role\": \"assistant\","
                        + " \"tool_calls\": [{\"type\": \"function\", \"function\": {\"name\": \"now\", \"arguments\": \"null\"}}]}}");

        JsonNode call = format.answer(body, call())
                .completion()
                .path("choices")
                .get(0)
                .path("message")
                .path("tool_calls")
                .get(0);

        assertThat(call.path("id").asText()).isEqualTo("call_fixture_0");
        assertThat(call.path("function").path("arguments").asText()).isEqualTo("{}");
    }

    @Test
    void reports_no_usage_when_cohere_sends_none() {
        JsonNode body = parse("{\"id\": \"x\", \"finish_reason\": \"COMPLETE\", \"message\": {\"role\": \"assistant\","
                + " \"content\": [{\"type\": \"text\", \"text\": \"Hi\"}]}}");

        Translated translated = format.answer(body, call());

        assertThat(translated.usage()).isEqualTo(Usage.UNKNOWN);
        assertThat(translated.completion().has("usage")).isFalse();
    }
}
