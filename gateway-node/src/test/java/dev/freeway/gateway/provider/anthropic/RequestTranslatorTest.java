package dev.freeway.gateway.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RequestTranslatorTest {
    private static final String USER = "{\"role\":\"user\",\"content\":\"What's the weather?\"}";
    private static final String TOOL =
            "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\"}}}";
    private static final String WEATHER_CALL = "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":"
            + "\"toolu_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{}\"}}]}";
    private static final String WEATHER_RESULT =
            "{\"role\":\"tool\",\"tool_call_id\":\"toolu_1\",\"content\":\"Sunny\"}";

    @ParameterizedTest(name = "{0} becomes {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "'\"auto\"'                                           | {\"type\":\"auto\"}",
                "'\"required\"'                                       | {\"type\":\"any\"}",
                "'\"none\"'                                           | {\"type\":\"none\"}",
                "'{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}' | {\"type\":\"tool\",\"name\":\"get_weather\"}"
            })
    void maps_each_tool_choice(String toolChoice, String expected) {
        JsonNode body =
                body("{\"messages\":[" + USER + "],\"tools\":[" + TOOL + "],\"tool_choice\":" + toolChoice + "}");

        assertThat(body.get("tool_choice")).isEqualTo(Fixtures.parse(expected));
    }

    @Test
    void serial_tool_calls_without_a_tool_choice_keep_the_default_auto() {
        JsonNode body = body("{\"messages\":[" + USER + "],\"tools\":[" + TOOL + "],\"parallel_tool_calls\":false}");

        assertThat(body.get("tool_choice"))
                .isEqualTo(Fixtures.parse("{\"type\":\"auto\",\"disable_parallel_tool_use\":true}"));
    }

    @Test
    void serial_tool_calls_are_not_sent_with_tool_choice_none() {
        JsonNode body = body("{\"messages\":[" + USER + "],\"tools\":[" + TOOL
                + "],\"tool_choice\":\"none\",\"parallel_tool_calls\":false}");

        assertThat(body.get("tool_choice")).isEqualTo(Fixtures.parse("{\"type\":\"none\"}"));
    }

    @Test
    void a_tool_choice_without_tools_is_left_out() {
        JsonNode body = body("{\"messages\":[" + USER + "],\"tools\":[],\"tool_choice\":\"required\"}");

        assertThat(body.has("tools")).isFalse();
        assertThat(body.has("tool_choice")).isFalse();
    }

    @ParameterizedTest(name = "{0} with max_tokens {1} thinks for {2} tokens")
    @CsvSource({"high, 2048, 1024", "medium, 0, 3072", "low, 100000, 1024", "high, 100000, 16384"})
    void keeps_room_for_the_answer_when_thinking(String effort, int maxTokens, int budget) {
        JsonNode body = body("{\"messages\":[" + USER + "],\"reasoning_effort\":\"" + effort + "\",\"max_tokens\":"
                + maxTokens + "}");

        assertThat(body.path("thinking").path("budget_tokens").asInt()).isEqualTo(budget);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(maxTokens > 0 ? maxTokens : 4096);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "too few tokens for a budget and an answer | ,\"reasoning_effort\":\"low\",\"max_tokens\":2000",
                "no reasoning asked for                     | ,\"reasoning_effort\":\"none\"",
                "the client forces a tool                   | ,\"reasoning_effort\":\"low\",\"tools\":[" + TOOL
                        + "],\"tool_choice\":\"required\"",
                "the answer is a forced JSON tool           | ,\"reasoning_effort\":\"low\",\"response_format\":"
                        + "{\"type\":\"json_schema\",\"json_schema\":{\"schema\":{\"type\":\"object\"}}}"
            })
    void leaves_thinking_out_when_anthropic_would_refuse_it(String reason, String fields) {
        JsonNode body = body("{\"messages\":[" + USER + "]" + fields + "}");

        assertThat(body.has("thinking")).isFalse();
    }

    @Test
    void leaves_thinking_out_while_a_tool_loop_awaits_its_signed_thinking_block() {
        JsonNode body = body("{\"messages\":[" + USER + "," + WEATHER_CALL + "," + WEATHER_RESULT
                + "],\"reasoning_effort\":\"low\",\"tools\":[" + TOOL + "]}");

        assertThat(body.has("thinking")).isFalse();
    }

    @Test
    void thinks_again_once_the_tool_loop_has_ended() {
        JsonNode body = body("{\"messages\":[" + USER + "," + WEATHER_CALL + "," + WEATHER_RESULT
                + ",{\"role\":\"assistant\",\"content\":\"It is sunny.\"},{\"role\":\"user\",\"content\":\"Thanks\"}],"
                + "\"reasoning_effort\":\"low\",\"tools\":[" + TOOL + "]}");

        assertThat(body.path("thinking").path("budget_tokens").asInt()).isEqualTo(1024);
    }

    @Test
    void drops_a_top_p_below_what_thinking_allows() {
        JsonNode body = body("{\"messages\":[" + USER + "],\"reasoning_effort\":\"low\",\"top_p\":0.5}");

        assertThat(body.has("thinking")).isTrue();
        assertThat(body.has("top_p")).isFalse();
    }

    @Test
    void sends_top_p_when_no_temperature_is_set() {
        JsonNode body = body("{\"messages\":[" + USER + "],\"top_p\":0.5}");

        assertThat(body.path("top_p").asDouble()).isEqualTo(0.5);
        assertThat(body.has("temperature")).isFalse();
    }

    @Test
    void takes_a_single_stop_string() {
        JsonNode body = body("{\"messages\":[" + USER + "],\"stop\":\"###\"}");

        assertThat(body.get("stop_sequences")).isEqualTo(Fixtures.parse("[\"###\"]"));
    }

    @Test
    void a_json_schema_next_to_client_tools_becomes_an_instruction() {
        JsonNode body = body("{\"messages\":[" + USER + "],\"tools\":[" + TOOL + "],\"response_format\":"
                + "{\"type\":\"json_schema\",\"json_schema\":{\"schema\":{\"type\":\"object\",\"properties\":{}}}}}");

        assertThat(body.path("tools").get(0).path("name").asText()).isEqualTo("get_weather");
        assertThat(body.path("system").asText())
                .contains("JSON Schema")
                .contains("{\"type\":\"object\",\"properties\":{}}");
    }

    @Test
    void a_json_schema_that_is_not_an_object_becomes_an_instruction() {
        JsonNode body = body("{\"messages\":[" + USER + "],\"response_format\":{\"type\":\"json_schema\","
                + "\"json_schema\":{\"schema\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}}}}");

        assertThat(body.has("tools")).isFalse();
        assertThat(body.path("system").asText()).contains("{\"type\":\"array\",\"items\":{\"type\":\"string\"}}");
    }

    @Test
    void replays_unparsable_tool_arguments_as_an_empty_input() {
        JsonNode body = body("{\"messages\":[" + USER + ",{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"toolu_1\","
                + "\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{not json\"}}]},"
                + WEATHER_RESULT + "]}");

        assertThat(body.path("messages").get(1).path("content").get(0).get("input"))
                .isEqualTo(Fixtures.parse("{}"));
    }

    @Test
    void drops_empty_turns_and_still_starts_with_the_user() {
        JsonNode body = body("{\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"content\":\"\"},{\"role\":\"assistant\",\"content\":\"\"}]}");

        assertThat(body.get("messages"))
                .isEqualTo(Fixtures.parse("[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\".\"}]}]"));
        assertThat(body.path("system").asText()).isEqualTo("Be brief.");
    }

    private static JsonNode body(String request) {
        ObjectNode parsed = (ObjectNode) Fixtures.parse(request);
        parsed.put("model", "claude-sonnet-4-5");
        return Fixtures.asSent(
                new AnthropicFormat().request(Fixtures.call(parsed)).body());
    }
}
