package dev.freeway.loadtest.simulator;

import static dev.freeway.loadtest.simulator.SimClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class AnthropicApiTest {
    private static final String MESSAGES = "/v1/messages";
    private static final String QUESTION = "What is the capital of France?";
    private static final String ASK = "{\"model\":\"claude-x\",\"max_tokens\":100,\"system\":\"Be brief.\","
            + "\"messages\":[{\"role\":\"user\",\"content\":\"" + QUESTION + "\"}]}";
    private static final String WEATHER_TOOL =
            "\"tools\":[{\"name\":\"get_weather\",\"input_schema\":{\"type\":\"object\"}}]";
    private static final String ASK_WEATHER = "{\"model\":\"claude-x\",\"max_tokens\":100,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"weather?\"}]," + WEATHER_TOOL + "}";
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:30Z");

    @Test
    void answersATextMessageWithUsage() {
        try (ProviderSimulator simulator = start(o -> o)) {
            HttpResponse<String> response = post(simulator, ASK);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response.body()))
                    .isEqualTo(json("{\"id\":\"chatcmpl-sim-1\",\"type\":\"message\",\"role\":\"assistant\","
                            + "\"model\":\"claude-x\",\"content\":[{\"type\":\"text\",\"text\":\"Hello from sim: "
                            + QUESTION + "\"}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
                            + "\"usage\":{\"input_tokens\":18,\"output_tokens\":9}}"));
            assertThat(response.headers().map()).doesNotContainKey("anthropic-ratelimit-requests-limit");
            assertThat(simulator.stats().requestsByFormat()).containsEntry(ApiFormat.ANTHROPIC, 1L);
        }
    }

    @Test
    void callsTheToolAsAToolUseBlock() {
        try (ProviderSimulator simulator = start(o -> o)) {
            JsonNode body = json(post(simulator, ASK_WEATHER).body());

            assertThat(body.get("content"))
                    .isEqualTo(json("[{\"type\":\"tool_use\",\"id\":\"call_sim_1\",\"name\":\"get_weather\","
                            + "\"input\":{\"city\":\"Paris\"}}]"));
            assertThat(body.get("stop_reason").asText()).isEqualTo("tool_use");
        }
    }

    @Test
    void answersAToolResultInText() {
        try (ProviderSimulator simulator = start(o -> o)) {
            String body = "{\"model\":\"claude-x\",\"max_tokens\":100,\"messages\":["
                    + "{\"role\":\"user\",\"content\":\"weather?\"},"
                    + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t1\","
                    + "\"name\":\"get_weather\",\"input\":{}}]},"
                    + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\","
                    + "\"content\":\"sunny\"}]}]," + WEATHER_TOOL + "}";

            assertThat(json(post(simulator, body).body()).at("/content/0/text").asText())
                    .isEqualTo("Hello from sim: tool said sunny");
        }
    }

    @Test
    void requiresTheVersionHeaderAndMaxTokens() {
        try (ProviderSimulator simulator = start(o -> o)) {
            HttpResponse<String> noVersion = new SimClient(simulator).post(MESSAGES, ASK, "x-api-key", "a-key");
            assertThat(noVersion.statusCode()).isEqualTo(400);
            assertThat(json(noVersion.body()))
                    .isEqualTo(json("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                            + "\"message\":\"anthropic-version: header is required\"}}"));

            HttpResponse<String> noMaxTokens = post(simulator, ASK.replace("\"max_tokens\":100,", ""));
            assertThat(noMaxTokens.statusCode()).isEqualTo(400);
            assertThat(json(noMaxTokens.body()).at("/error/message").asText()).isEqualTo("max_tokens: Field required");
        }
    }

    @Test
    void streamsNamedEventsWithTextDeltas() {
        try (ProviderSimulator simulator = start(o -> o)) {
            HttpResponse<String> response = post(simulator, stream(ASK));

            assertThat(response.headers().firstValue("content-type")).contains("text/event-stream");
            List<SseEvent> events = SseEvent.parse(response.body());
            assertThat(SseEvent.names(events))
                    .containsExactly(
                            "message_start",
                            "content_block_start",
                            "ping",
                            "content_block_delta",
                            "content_block_delta",
                            "content_block_delta",
                            "content_block_delta",
                            "content_block_delta",
                            "content_block_delta",
                            "content_block_delta",
                            "content_block_delta",
                            "content_block_delta",
                            "content_block_stop",
                            "message_delta",
                            "message_stop");
            assertThat(events)
                    .allSatisfy(event ->
                            assertThat(event.data().get("type").asText()).isEqualTo(event.name()));
            assertThat(events.get(0).data().at("/message/usage/input_tokens").asInt())
                    .isEqualTo(18);
            assertThat(events.get(1).data().get("content_block")).isEqualTo(json("{\"type\":\"text\",\"text\":\"\"}"));
            StringBuilder text = new StringBuilder();
            for (SseEvent delta : events.subList(3, 12)) {
                assertThat(delta.data().at("/delta/type").asText()).isEqualTo("text_delta");
                text.append(delta.data().at("/delta/text").asText());
            }
            assertThat(text.toString()).isEqualTo("Hello from sim: " + QUESTION);
            assertThat(events.get(13).data())
                    .isEqualTo(json("{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                            + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":9}}"));
        }
    }

    @Test
    void streamsToolInputAsJsonFragments() {
        try (ProviderSimulator simulator = start(o -> o)) {
            List<SseEvent> events =
                    SseEvent.parse(post(simulator, stream(ASK_WEATHER)).body());

            assertThat(events.get(1).data().get("content_block"))
                    .isEqualTo(json(
                            "{\"type\":\"tool_use\",\"id\":\"call_sim_1\",\"name\":\"get_weather\",\"input\":{}}"));
            List<SseEvent> deltas = events.stream()
                    .filter(event -> "content_block_delta".equals(event.name()))
                    .toList();
            assertThat(deltas).hasSizeGreaterThanOrEqualTo(2);
            StringBuilder input = new StringBuilder();
            for (SseEvent delta : deltas) {
                assertThat(delta.data().at("/delta/type").asText()).isEqualTo("input_json_delta");
                input.append(delta.data().at("/delta/partial_json").asText());
            }
            assertThat(json(input.toString())).isEqualTo(json("{\"city\":\"Paris\"}"));
            assertThat(events.get(events.size() - 2)
                            .data()
                            .at("/delta/stop_reason")
                            .asText())
                    .isEqualTo("tool_use");
            assertThat(events.get(events.size() - 1).name()).isEqualTo("message_stop");
        }
    }

    @Test
    void advertisesRequestLimitsAndRefusesWithRateLimitErrorAndRetryAfter() {
        try (ProviderSimulator simulator = start(o -> o.withRpm(1))) {
            HttpResponse<String> admitted = post(simulator, ASK);
            assertThat(admitted.statusCode()).isEqualTo(200);
            assertRequestHeaders(admitted);

            HttpResponse<String> refused = post(simulator, ASK);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("retry-after")).contains("30");
            assertRequestHeaders(refused);
            JsonNode body = json(refused.body());
            assertThat(body.get("type").asText()).isEqualTo("error");
            assertThat(body.at("/error/type").asText()).isEqualTo("rate_limit_error");
            assertThat(body.at("/error/message").asText()).contains("1 requests per minute");
        }
    }

    @Test
    void overloadIs529AndABadKeyIsAnAuthenticationError() {
        try (ProviderSimulator simulator = start(o -> o)) {
            simulator.failNext(FailureMode.ERROR_503, 1);
            HttpResponse<String> overloaded = post(simulator, ASK);
            assertThat(overloaded.statusCode()).isEqualTo(529);
            assertThat(json(overloaded.body()))
                    .isEqualTo(json("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                            + "\"message\":\"Overloaded\"}}"));

            simulator.failNext(FailureMode.INVALID_KEY, 1);
            HttpResponse<String> badKey = post(simulator, ASK);
            assertThat(badKey.statusCode()).isEqualTo(401);
            assertThat(json(badKey.body()).at("/error/type").asText()).isEqualTo("authentication_error");

            simulator.failNext(FailureMode.ERROR_500, 1);
            assertThat(json(post(simulator, ASK).body()).at("/error/type").asText())
                    .isEqualTo("api_error");

            HttpResponse<String> noKey =
                    new SimClient(simulator).post(MESSAGES, ASK, "anthropic-version", "2023-06-01");
            assertThat(noKey.statusCode()).isEqualTo(401);
            assertThat(simulator.stats().byStatus()).containsEntry(529, 1L);
        }
    }

    private static void assertRequestHeaders(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("anthropic-ratelimit-requests-limit"))
                .contains("1");
        assertThat(response.headers().firstValue("anthropic-ratelimit-requests-remaining"))
                .contains("0");
        assertThat(response.headers().firstValue("anthropic-ratelimit-requests-reset"))
                .contains("2025-03-01T10:01:00Z");
    }

    private static String stream(String body) {
        return body.replace("\"max_tokens\":100,", "\"max_tokens\":100,\"stream\":true,");
    }

    private static HttpResponse<String> post(ProviderSimulator simulator, String body) {
        return new SimClient(simulator).post(MESSAGES, body, "x-api-key", "a-key", "anthropic-version", "2023-06-01");
    }

    private static ProviderSimulator start(UnaryOperator<SimulatorOptions> options) {
        return ProviderSimulator.start(options.apply(SimulatorOptions.defaults().withClock(new MutableClock(NOW))));
    }
}
