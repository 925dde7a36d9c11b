package dev.freeway.gateway.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StopReasonsTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "end_turn, stop",
        "stop_sequence, stop",
        "pause_turn, stop",
        "max_tokens, length",
        "model_context_window_exceeded, length",
        "tool_use, tool_calls",
        "refusal, content_filter",
        "a_reason_added_later, stop"
    })
    void maps_each_stop_reason(String stopReason, String finishReason) {
        assertThat(StopReasons.finishReason(stopReason, false)).isEqualTo(finishReason);
    }

    @Test
    void a_forced_json_answer_stops_normally() {
        assertThat(StopReasons.finishReason("tool_use", true)).isEqualTo("stop");
        assertThat(StopReasons.finishReason("max_tokens", true)).isEqualTo("length");
    }

    @Test
    void an_unknown_reason_is_a_normal_stop() {
        assertThat(StopReasons.finishReason(null, false)).isEqualTo("stop");
    }
}
