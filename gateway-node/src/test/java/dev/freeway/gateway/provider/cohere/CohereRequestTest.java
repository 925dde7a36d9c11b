package dev.freeway.gateway.provider.cohere;

import static dev.freeway.gateway.provider.cohere.CohereFixtures.KEY;
import static dev.freeway.gateway.provider.cohere.CohereFixtures.call;
import static dev.freeway.gateway.provider.cohere.CohereFixtures.json;
import static dev.freeway.gateway.provider.cohere.CohereFixtures.parse;
import static dev.freeway.gateway.provider.cohere.CohereFixtures.wire;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeway.gateway.provider.wire.WireRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CohereRequestTest {
    private static final String TOOLS = """
            "tools": [
              {"type": "function", "function": {"name": "a", "parameters": {"type": "object"}, "strict": true}},
              {"type": "function", "function": {"name": "b", "parameters": {"type": "object"}}}
            ]""";

    private final CohereFormat format = new CohereFormat();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"system-multiturn", "tools", "json-schema", "stop-max-tokens", "image"})
    void translates_the_request_as_cohere_documents_it(String name) {
        WireRequest request = format.request(call(json("request-" + name + ".openai.json")));
        JsonNode expected = json("request-" + name + ".cohere.json");

        assertThat(request.path()).isEqualTo(expected.path("path").asText());
        List<String> headerNames = new ArrayList<>();
        expected.path("header_names").forEach(header -> headerNames.add(header.asText()));
        assertThat(request.headers().keySet()).containsExactlyInAnyOrderElementsOf(headerNames);
        assertThat(wire(request.body())).isEqualTo(expected.path("body"));
    }

    @Test
    void sends_the_key_as_a_bearer_token_and_nowhere_else() {
        WireRequest request = format.request(call(json("request-tools.openai.json")));

        assertThat(request.headers()).containsEntry("authorization", "Bearer " + KEY);
        assertThat(request.body().toString()).doesNotContain(KEY);
        assertThat(request.toString()).doesNotContain(KEY);
    }

    @Test
    void leaves_the_client_request_as_it_was() {
        JsonNode client = json("request-tools.openai.json");
        JsonNode before = client.deepCopy();

        format.request(call(client));

        assertThat(client).isEqualTo(before);
    }

    @Test
    void requires_a_tool_for_required_forbids_one_for_none_and_leaves_auto_to_cohere() {
        assertThat(toolChoice("\"required\"")).isEqualTo("REQUIRED");
        assertThat(toolChoice("\"none\"")).isEqualTo("NONE");
        assertThat(toolChoice("\"auto\"")).isNull();
    }

    @Test
    void asks_for_strict_tools_only_when_every_tool_is_strict() {
        JsonNode body = body("{\"messages\": []," + TOOLS + "}");

        assertThat(body.has("strict_tools")).isFalse();
        assertThat(body.path("tools")).hasSize(2);
        assertThat(body.path("tools").get(0).path("function").has("strict")).isFalse();
    }

    @Test
    void takes_max_tokens_when_max_completion_tokens_is_absent() {
        assertThat(body("{\"messages\": [], \"max_tokens\": 64}")
                        .path("max_tokens")
                        .asInt())
                .isEqualTo(64);
    }

    @Test
    void streams_when_the_call_streams() {
        assertThat(body("{\"messages\": [], \"stream\": true}").path("stream").asBoolean())
                .isTrue();
    }

    private String toolChoice(String choice) {
        JsonNode body = body("{\"messages\": []," + TOOLS + ", \"tool_choice\": " + choice + "}");
        assertThat(body.path("tools")).hasSize(2);
        return body.path("tool_choice").asText(null);
    }

    private JsonNode body(String openAi) {
        return format.request(call(parse(openAi))).body();
    }
}
