package dev.freeway.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** About four characters per token, rounded up, plus four tokens per message. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TokenEstimatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static long estimate(String messages) {
        return TokenEstimator.promptTokens(json(messages), null);
    }

    @Test
    void counts_string_content_at_four_characters_per_token_plus_message_overhead() {
        assertThat(estimate("[{\"role\":\"user\",\"content\":\"abcdefgh\"}]")).isEqualTo(2 + 4);
    }

    @Test
    void rounds_partial_tokens_up() {
        assertThat(estimate("[{\"role\":\"user\",\"content\":\"abcdefghi\"}]")).isEqualTo(3 + 4);
    }

    @Test
    void adds_the_overhead_for_every_message_even_without_content() {
        assertThat(estimate("[{\"role\":\"user\",\"content\":\"\"},{\"role\":\"assistant\",\"content\":null},"
                        + "{\"role\":\"assistant\"}]"))
                .isEqualTo(3 * 4);
    }

    @Test
    void sums_characters_across_messages_before_rounding() {
        assertThat(estimate("[{\"role\":\"system\",\"content\":\"ab\"},{\"role\":\"user\",\"content\":\"cd\"}]"))
                .isEqualTo(1 + 2 * 4);
    }

    @Test
    void counts_the_text_of_array_parts() {
        assertThat(estimate("[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"abcd\"},"
                        + "{\"type\":\"text\",\"text\":\"efgh\"}]}]"))
                .isEqualTo(2 + 4);
    }

    @Test
    void counts_a_fixed_256_characters_for_each_non_text_part() {
        assertThat(estimate("[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"abcd\"},"
                        + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x.test/a.png\"}}]}]"))
                .isEqualTo((4 + 256) / 4 + 4);
    }

    @Test
    void counts_tool_calls_by_their_json_length() {
        String toolCalls = "[{\"id\":\"c\"}]";

        assertThat(estimate("[{\"role\":\"assistant\",\"content\":null,\"tool_calls\":" + toolCalls + "}]"))
                .isEqualTo((toolCalls.length() + 3) / 4 + 4)
                .isEqualTo(3 + 4);
    }

    @Test
    void counts_tools_by_their_json_length() {
        String tools = "[{\"type\":\"function\"}]";
        JsonNode messages = json("[{\"role\":\"user\",\"content\":\"abc\"}]");

        assertThat(TokenEstimator.promptTokens(messages, json(tools)))
                .isEqualTo((3 + tools.length() + 3) / 4 + 4)
                .isEqualTo(6 + 4);
    }

    @Test
    void ignores_absent_or_null_tools() {
        JsonNode messages = json("[{\"role\":\"user\",\"content\":\"abcd\"}]");

        assertThat(TokenEstimator.promptTokens(messages, null)).isEqualTo(1 + 4);
        assertThat(TokenEstimator.promptTokens(messages, NullNode.getInstance()))
                .isEqualTo(1 + 4);
    }

    @Test
    void grows_with_the_prompt() {
        long short_ = estimate("[{\"role\":\"user\",\"content\":\"" + "x".repeat(100) + "\"}]");
        long long_ = estimate("[{\"role\":\"user\",\"content\":\"" + "x".repeat(4_000) + "\"}]");

        assertThat(short_).isEqualTo(25 + 4);
        assertThat(long_).isEqualTo(1_000 + 4);
    }
}
