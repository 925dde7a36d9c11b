package dev.freeway.gateway.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeway.gateway.json.Json;
import dev.freeway.gateway.provider.UpstreamFailure.Kind;
import dev.freeway.gateway.provider.wire.ErrorReading;
import dev.freeway.gateway.provider.wire.WireCall;
import dev.freeway.gateway.provider.wire.WireException;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class GeminiFormatTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String MODEL = "gemini-3-pro-preview";

    private final GeminiFormat format = new GeminiFormat();

    @Test
    void sends_each_call_back_with_the_id_and_thought_signature_gemini_gave_it() throws Exception {
        ArrayNode geminiParts = (ArrayNode) Json.MAPPER.readTree("""
                [{"functionCall": {"id": "8f2b1a3c", "name": "search", "args": {"q": "tides"}},
                  "thoughtSignature": "Cp8B++++dGhvdWdodC1zaWduYXR1cmUtb25l//4/"},
                 {"functionCall": {"name": "clock", "args": {}}, "thoughtSignature": "EjT7/3NlY29uZC1zaWduYXR1cmUhIQ=="}]
                """);
        ObjectNode answer = NODES.objectNode();
        ObjectNode candidate = answer.putArray("candidates").addObject().put("finishReason", "STOP");
        candidate.putObject("content").put("role", "model").set("parts", geminiParts);
        JsonNode message =
                format.answer(answer, call(NODES.objectNode())).completion().at("/choices/0/message");

        ObjectNode followUp = NODES.objectNode();
        ArrayNode messages = followUp.putArray("messages");
        messages.addObject().put("role", "user").put("content", "When is high tide?");
        messages.add(message);
        message.path("tool_calls")
                .forEach(toolCall -> messages.addObject()
                        .put("role", "tool")
                        .put("tool_call_id", toolCall.path("id").asText())
                        .put("content", "done"));
        JsonNode contents = format.request(call(followUp)).body().path("contents");

        assertThat(contents.at("/1/parts")).isEqualTo(geminiParts);
        assertThat(contents.at("/2/parts/0/functionResponse/id").asText()).isEqualTo("8f2b1a3c");
        assertThat(contents.at("/2/parts/1/functionResponse").has("id")).isFalse();
        assertThat(contents.at("/2/parts/1/functionResponse/name").asText()).isEqualTo("clock");
    }

    @Test
    void wraps_a_tool_result_that_is_more_than_one_json_object() {
        ObjectNode request = NODES.objectNode();
        ArrayNode messages = request.putArray("messages");
        messages.addObject().put("role", "user").put("content", "List the rows.");
        messages.addObject()
                .put("role", "tool")
                .put("tool_call_id", "call_rows")
                .put("name", "rows")
                .put("content", "{\"a\":1}\n{\"b\":2}");

        JsonNode response = format.request(call(request)).body().at("/contents/1/parts/0/functionResponse");

        assertThat(response.path("name").asText()).isEqualTo("rows");
        assertThat(response.path("response")).isEqualTo(NODES.objectNode().put("result", "{\"a\":1}\n{\"b\":2}"));
    }

    @Test
    void rejects_an_answer_with_neither_candidates_nor_prompt_feedback() throws Exception {
        JsonNode body = Json.MAPPER.readTree("{\"usageMetadata\": {\"promptTokenCount\": 3}}");

        assertThatThrownBy(() -> format.answer(body, call(NODES.objectNode()))).isInstanceOf(WireException.class);
    }

    @Test
    void leaves_an_error_body_that_is_not_json_to_the_status() {
        assertThat(format.error(502, MissingNode.getInstance())).isEqualTo(ErrorReading.byStatus(""));
    }

    @Test
    void masks_a_google_key_quoted_in_an_error_message() {
        String key = "AIza" + "x".repeat(35);
        ObjectNode body = NODES.objectNode();
        body.putObject("error")
                .put("code", 400)
                .put("status", "INVALID_ARGUMENT")
                .put("message", "API key expired. Please renew the API key " + key + ".");

        ErrorReading reading = format.error(400, body);

        assertThat(reading.kind()).isEqualTo(Kind.KEY_REJECTED);
        assertThat(reading.message()).doesNotContain(key).contains("[redacted]");
    }

    private static WireCall call(ObjectNode request) {
        return new WireCall(request, MODEL, "test-key", false, "chatcmpl-f", 1L);
    }
}
