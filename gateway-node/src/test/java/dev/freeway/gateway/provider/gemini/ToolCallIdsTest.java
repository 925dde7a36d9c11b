package dev.freeway.gateway.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ToolCallIdsTest {
    private static final String ID_CHARACTERS = "[A-Za-z0-9_-]+";
    /** Standard base64 with '+', '/' and padding, all of which must not reach the id. */
    private static final String SIGNATURE = "EjT7/3NlY29uZC1zaWduYXR1cmUhIQ==";

    @Test
    void carries_gemini_id_and_signature_through_an_id_other_platforms_accept() {
        String id = ToolCallIds.encode("chatcmpl-1", 0, "46ww9pp1", SIGNATURE);

        assertThat(id).matches(ID_CHARACTERS).startsWith("call_gm_46ww9pp1_ts_");
        assertThat(ToolCallIds.decode(id)).isEqualTo(new ToolCallIds.Decoded("46ww9pp1", SIGNATURE));
    }

    @Test
    void synthesises_the_same_id_for_the_same_answer_and_position_only() {
        String first = ToolCallIds.encode("chatcmpl-1", 0, null, null);

        assertThat(first).matches("call_[0-9a-f]{24}");
        assertThat(ToolCallIds.encode("chatcmpl-1", 0, null, null)).isEqualTo(first);
        assertThat(ToolCallIds.encode("chatcmpl-1", 1, null, null)).isNotEqualTo(first);
        assertThat(ToolCallIds.encode("chatcmpl-2", 0, null, null)).isNotEqualTo(first);
        assertThat(ToolCallIds.decode(first)).isEqualTo(new ToolCallIds.Decoded(null, null));
    }

    @Test
    void keeps_a_signature_on_a_synthesised_id() {
        String id = ToolCallIds.encode("chatcmpl-1", 3, null, SIGNATURE);

        assertThat(id).matches(ID_CHARACTERS);
        assertThat(ToolCallIds.decode(id)).isEqualTo(new ToolCallIds.Decoded(null, SIGNATURE));
    }

    @Test
    void replaces_a_gemini_id_that_would_not_survive_as_an_id() {
        String id = ToolCallIds.encode("chatcmpl-1", 0, "fn.call/7", null);

        assertThat(id).matches("call_[0-9a-f]{24}");
        assertThat(ToolCallIds.decode(id).geminiId()).isNull();
    }

    @Test
    void leaves_out_a_signature_that_is_not_base64() {
        assertThat(ToolCallIds.encode("chatcmpl-1", 0, "abc", "not base64!")).isEqualTo("call_gm_abc");
    }

    @ParameterizedTest
    @ValueSource(strings = {"call_abc123", "toolu_01A09q90qw90lq917835lq9", "chatcmpl-tool-5f2", "D681PevKs"})
    void reads_nothing_into_ids_from_other_platforms(String foreign) {
        assertThat(ToolCallIds.decode(foreign)).isEqualTo(new ToolCallIds.Decoded(null, null));
    }
}
