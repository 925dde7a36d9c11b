package dev.freeway.gateway.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeway.gateway.json.Json;
import dev.freeway.gateway.provider.UpstreamFailure.Axis;
import dev.freeway.gateway.provider.UpstreamFailure.Kind;
import dev.freeway.gateway.provider.Usage;
import dev.freeway.gateway.provider.wire.ErrorReading;
import dev.freeway.gateway.provider.wire.StreamTranslator;
import dev.freeway.gateway.provider.wire.WireCall;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class GeminiStreamTest {
    private static final WireCall CALL =
            new WireCall(JsonNodeFactory.instance.objectNode(), "gemini-2.5-flash", "test-key", true, "chatcmpl-s", 1L);

    private final StreamTranslator translator = new GeminiFormat().stream(CALL);
    private final List<ObjectNode> chunks = new ArrayList<>();

    @Test
    void ends_the_stream_on_an_error_event_with_what_it_means_for_failover() throws Exception {
        JsonNode event = Json.MAPPER.readTree("""
                {"error": {"code": 429, "message": "Quota exceeded", "status": "RESOURCE_EXHAUSTED", "details": [
                  {"@type": "type.googleapis.com/google.rpc.QuotaFailure",
                   "violations": [{"quotaId": "GenerateContentInputTokensPerModelPerMinute-FreeTier"}]},
                  {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "30s"}]}}
                """);

        assertThatThrownBy(() -> translator.onEvent(event, chunks::add))
                .isInstanceOfSatisfying(
                        StreamTranslator.ErrorEvent.class,
                        error -> assertThat(error.reading())
                                .isEqualTo(new ErrorReading(Kind.RATE_LIMITED, Axis.MINUTE, 30_000, "Quota exceeded")));
        assertThat(chunks).isEmpty();
    }

    @Test
    void closes_a_stream_that_sent_nothing_with_a_role_and_a_stop() {
        translator.onEnd(chunks::add);

        assertThat(chunks)
                .extracting(chunk -> chunk.at("/choices/0/delta/role").asText(""))
                .containsExactly("assistant", "");
        assertThat(chunks)
                .extracting(chunk -> chunk.at("/choices/0/finish_reason").asText("null"))
                .containsExactly("null", "stop");
        assertThat(translator.usage()).isEqualTo(Usage.UNKNOWN);
    }

    @Test
    void streams_each_candidate_as_its_own_choice() throws Exception {
        translator.onEvent(Json.MAPPER.readTree("""
                        {"candidates": [
                          {"content": {"role": "model", "parts": [{"text": "A"}]}, "finishReason": "STOP", "index": 0},
                          {"content": {"role": "model", "parts": [{"text": "B"}]}, "finishReason": "MAX_TOKENS", "index": 1}]}
                        """), chunks::add);
        translator.onEnd(chunks::add);

        assertThat(chunks)
                .extracting(chunk -> chunk.at("/choices/0/index").asInt())
                .containsExactly(0, 0, 0, 1, 1, 1);
        assertThat(chunks)
                .extracting(chunk -> chunk.at("/choices/0/delta/content").asText(""))
                .containsExactly("", "A", "", "", "B", "");
        assertThat(chunks.get(2).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(chunks.get(5).at("/choices/0/finish_reason").asText()).isEqualTo("length");
    }

    @Test
    void gives_a_call_the_id_the_same_answer_gets_without_streaming() throws Exception {
        JsonNode response = Json.MAPPER.readTree("""
                {"candidates": [{"content": {"role": "model", "parts": [
                  {"functionCall": {"name": "a", "args": {}}}, {"functionCall": {"name": "b", "args": {}}}]},
                  "finishReason": "STOP", "index": 0}]}
                """);

        translator.onEvent(response, chunks::add);
        JsonNode answer = new GeminiFormat().answer(response, CALL).completion();

        assertThat(chunks.get(2).at("/choices/0/delta/tool_calls/0/id"))
                .isEqualTo(answer.at("/choices/0/message/tool_calls/1/id"));
        assertThat(chunks.get(2).at("/choices/0/delta/tool_calls/0/index").asInt())
                .isEqualTo(1);
    }
}
