package dev.freeway.gateway.provider.anthropic;

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
class AnswerTranslatorTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Internal server error\"}}",
                "{\"type\":\"message\",\"role\":\"assistant\"}",
                "[]"
            })
    void refuses_a_body_that_is_not_a_message(String body) {
        assertThatThrownBy(() -> translate(body)).isInstanceOf(WireException.class);
    }

    @Test
    void gives_a_null_content_to_an_answer_made_only_of_tool_calls() {
        Translated translated =
                translate("{\"type\":\"message\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_1\","
                        + "\"name\":\"get_time\",\"input\":{}}],\"stop_reason\":\"tool_use\",\"usage\":{\"input_tokens\":5,"
                        + "\"output_tokens\":7}}");

        JsonNode message = translated.completion().path("choices").get(0).path("message");
        assertThat(message.get("content").isNull()).isTrue();
        assertThat(message.path("tool_calls")
                        .get(0)
                        .path("function")
                        .path("arguments")
                        .asText())
                .isEqualTo("{}");
    }

    @Test
    void reports_a_refusal_as_content_filtered() {
        Translated translated = translate("{\"type\":\"message\",\"content\":[],\"stop_reason\":\"refusal\","
                + "\"usage\":{\"input_tokens\":5,\"output_tokens\":0}}");

        JsonNode choice = translated.completion().path("choices").get(0);
        assertThat(choice.path("finish_reason").asText()).isEqualTo("content_filter");
        assertThat(choice.path("message").path("content").asText()).isEmpty();
    }

    @Test
    void leaves_usage_unknown_when_the_answer_has_none() {
        Translated translated = translate("{\"type\":\"message\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\"}],"
                + "\"stop_reason\":\"end_turn\"}");

        assertThat(translated.usage()).isEqualTo(Usage.UNKNOWN);
        assertThat(translated.completion().has("usage")).isFalse();
    }

    private static Translated translate(String body) {
        return new AnthropicFormat().answer(Fixtures.parse(body), Fixtures.call(Fixtures.requestFor("none")));
    }
}
