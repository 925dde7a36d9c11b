package dev.freeway.gateway.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeway.gateway.provider.UpstreamFailure.Kind;
import dev.freeway.gateway.provider.Usage;
import dev.freeway.gateway.provider.wire.StreamTranslator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AnthropicStreamTranslatorTest {
    private static final String MESSAGE_START = "{\"type\":\"message_start\",\"message\":{\"type\":\"message\","
            + "\"content\":[],\"usage\":{\"input_tokens\":10,\"cache_read_input_tokens\":5,\"output_tokens\":1}}}";
    private static final String TEXT_START =
            "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}";
    private static final String HELLO =
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello\"}}";

    private final StreamTranslator translator =
            new AnthropicFormat().stream(Fixtures.call(Fixtures.requestFor("none")));
    private final List<ObjectNode> chunks = new ArrayList<>();

    @Test
    void an_error_before_any_content_leaves_the_client_untouched() {
        feed(MESSAGE_START, "{\"type\":\"ping\"}");

        assertThatThrownBy(() -> feed(
                        "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"))
                .isInstanceOfSatisfying(
                        StreamTranslator.ErrorEvent.class,
                        e -> assertThat(e.reading().kind()).isEqualTo(Kind.OVERLOADED));
        assertThat(chunks).isEmpty();
    }

    @Test
    void an_error_event_of_an_unknown_type_is_a_server_error() {
        assertThatThrownBy(() -> feed("{\"type\":\"error\",\"error\":{\"type\":\"new_error\",\"message\":\"Odd\"}}"))
                .isInstanceOfSatisfying(
                        StreamTranslator.ErrorEvent.class,
                        e -> assertThat(e.reading().kind()).isEqualTo(Kind.SERVER_ERROR));
    }

    @Test
    void a_stream_cut_before_its_stop_reason_still_closes() {
        feed(MESSAGE_START, TEXT_START, HELLO);

        translator.onEnd(chunks::add);

        assertThat(chunks).hasSize(3);
        assertThat(finishReason(chunks.get(2))).isEqualTo("stop");
    }

    @Test
    void closes_only_once() {
        feed(MESSAGE_START, TEXT_START, HELLO);
        feed("{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":2}}");
        feed("{\"type\":\"message_stop\"}");

        translator.onEnd(chunks::add);

        assertThat(chunks).filteredOn(chunk -> finishReason(chunk) != null).hasSize(1);
    }

    @Test
    void counts_cache_reads_as_prompt_tokens_and_takes_the_cumulative_counts() {
        assertThat(translator.usage()).isEqualTo(Usage.UNKNOWN);

        feed(MESSAGE_START);
        assertThat(translator.usage()).isEqualTo(new Usage(15, 1));

        feed("{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
                + "\"usage\":{\"input_tokens\":12,\"cache_read_input_tokens\":5,\"output_tokens\":30}}");
        assertThat(translator.usage()).isEqualTo(new Usage(17, 30));
    }

    private void feed(String... events) {
        for (String event : events) {
            translator.onEvent(Fixtures.parse(event), chunks::add);
        }
    }

    private static String finishReason(JsonNode chunk) {
        return chunk.path("choices").get(0).path("finish_reason").textValue();
    }
}
