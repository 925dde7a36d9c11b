package dev.freeway.loadtest.simulator;

import static dev.freeway.loadtest.simulator.SimClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class CohereApiTest {
    private static final String CHAT = "/v2/chat";
    private static final String QUESTION = "What is the capital of France?";
    private static final String ASK = "{\"model\":\"command-a\",\"messages\":[{\"role\":\"system\",\"content\":"
            + "\"Be brief.\"},{\"role\":\"user\",\"content\":\"" + QUESTION + "\"}]}";
    private static final String ASK_WEATHER = "{\"model\":\"command-a\",\"messages\":[{\"role\":\"user\","
            + "\"content\":\"weather?\"}],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
            + "\"parameters\":{\"type\":\"object\"}}}]}";
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:30Z");

    @Test
    void answersTextContentWithBilledAndCountedUsage() {
        try (ProviderSimulator simulator = start(o -> o)) {
            HttpResponse<String> response = post(simulator, ASK);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response.body()))
                    .isEqualTo(json("{\"id\":\"chatcmpl-sim-1\",\"finish_reason\":\"COMPLETE\",\"message\":{"
                            + "\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Hello from sim: "
                            + QUESTION + "\"}]},\"usage\":{\"billed_units\":{\"input_tokens\":18,\"output_tokens\":9},"
                            + "\"tokens\":{\"input_tokens\":18,\"output_tokens\":9}}}"));
            assertThat(simulator.stats().requestsByFormat()).containsEntry(ApiFormat.COHERE, 1L);
        }
    }

    @Test
    void callsTheToolWithAPlanAndStringArguments() {
        try (ProviderSimulator simulator = start(o -> o)) {
            JsonNode body = json(post(simulator, ASK_WEATHER).body());

            assertThat(body.get("finish_reason").asText()).isEqualTo("TOOL_CALL");
            assertThat(body.get("message"))
                    .isEqualTo(json("{\"role\":\"assistant\",\"tool_plan\":\"I will use get_weather.\","
                            + "\"tool_calls\":[{\"id\":\"call_sim_1\",\"type\":\"function\",\"function\":{"
                            + "\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]}"));
        }
    }

    @Test
    void streamsTextAsContentEvents() {
        try (ProviderSimulator simulator = start(o -> o)) {
            List<SseEvent> events = SseEvent.parse(post(simulator, stream(ASK)).body());

            assertThat(SseEvent.names(events))
                    .containsExactly(
                            "message-start",
                            "content-start",
                            "content-delta",
                            "content-delta",
                            "content-delta",
                            "content-delta",
                            "content-delta",
                            "content-delta",
                            "content-delta",
                            "content-delta",
                            "content-delta",
                            "content-end",
                            "message-end");
            assertThat(events)
                    .allSatisfy(event ->
                            assertThat(event.data().get("type").asText()).isEqualTo(event.name()));
            assertThat(events.get(0).data().get("id").asText()).isEqualTo("chatcmpl-sim-1");
            StringBuilder text = new StringBuilder();
            for (SseEvent delta : events.subList(2, 11)) {
                text.append(delta.data().at("/delta/message/content/text").asText());
            }
            assertThat(text.toString()).isEqualTo("Hello from sim: " + QUESTION);
            assertThat(events.get(12).data().get("delta"))
                    .isEqualTo(json("{\"finish_reason\":\"COMPLETE\",\"usage\":{\"billed_units\":{\"input_tokens\":18,"
                            + "\"output_tokens\":9},\"tokens\":{\"input_tokens\":18,\"output_tokens\":9}}}"));
        }
    }

    @Test
    void streamsAToolCallAsPlanStartFragmentsAndEnd() {
        try (ProviderSimulator simulator = start(o -> o)) {
            List<SseEvent> events =
                    SseEvent.parse(post(simulator, stream(ASK_WEATHER)).body());

            assertThat(SseEvent.names(events))
                    .containsExactly(
                            "message-start",
                            "tool-plan-delta",
                            "tool-call-start",
                            "tool-call-delta",
                            "tool-call-delta",
                            "tool-call-delta",
                            "tool-call-delta",
                            "tool-call-end",
                            "message-end");
            assertThat(events.get(1).data().at("/delta/message/tool_plan").asText())
                    .isEqualTo("I will use get_weather.");
            assertThat(events.get(2).data())
                    .isEqualTo(json("{\"type\":\"tool-call-start\",\"index\":0,\"delta\":{\"message\":{\"tool_calls\":{"
                            + "\"id\":\"call_sim_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                            + "\"arguments\":\"\"}}}}}"));
            StringBuilder arguments = new StringBuilder();
            for (SseEvent delta : events.subList(3, 7)) {
                assertThat(delta.data().get("index").asInt()).isZero();
                arguments.append(delta.data()
                        .at("/delta/message/tool_calls/function/arguments")
                        .asText());
            }
            assertThat(arguments.toString()).isEqualTo("{\"city\":\"Paris\"}");
            assertThat(events.get(8).data().at("/delta/finish_reason").asText()).isEqualTo("TOOL_CALL");
        }
    }

    @Test
    void aSpentMinuteIsThePerMinuteMessageAndASpentDayTheMonthlyCap() {
        try (ProviderSimulator simulator = start(o -> o.withRpm(1))) {
            post(simulator, ASK);
            HttpResponse<String> refused = post(simulator, ASK);

            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(json(refused.body()))
                    .isEqualTo(json("{\"message\":\"You are past the per minute request limit, please wait and"
                            + " try again later.\"}"));
        }
        try (ProviderSimulator simulator = start(o -> o.withRpd(1))) {
            post(simulator, ASK);
            HttpResponse<String> refused = post(simulator, ASK);

            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(json(refused.body()).get("message").asText())
                    .startsWith("You are using a Trial key, which is limited to 1 API calls / month.");
        }
    }

    @Test
    void overloadIs503AndABadKeyIs401() {
        try (ProviderSimulator simulator = start(o -> o)) {
            simulator.failNext(FailureMode.ERROR_503, 1);
            HttpResponse<String> overloaded = post(simulator, ASK);
            assertThat(overloaded.statusCode()).isEqualTo(503);
            assertThat(SimClient.fieldNames(json(overloaded.body()))).containsExactly("message");

            simulator.failNext(FailureMode.INVALID_KEY, 1);
            HttpResponse<String> badKey = post(simulator, ASK);
            assertThat(badKey.statusCode()).isEqualTo(401);
            assertThat(json(badKey.body())).isEqualTo(json("{\"message\":\"invalid api token\"}"));

            simulator.failNext(FailureMode.ERROR_500, 1);
            assertThat(post(simulator, ASK).statusCode()).isEqualTo(500);
            assertThat(new SimClient(simulator).post(CHAT, ASK).statusCode()).isEqualTo(401);
        }
    }

    private static String stream(String body) {
        return body.replace("{\"model\":\"command-a\",", "{\"model\":\"command-a\",\"stream\":true,");
    }

    private static HttpResponse<String> post(ProviderSimulator simulator, String body) {
        return new SimClient(simulator).post(CHAT, body, "Authorization", "Bearer c-key");
    }

    private static ProviderSimulator start(UnaryOperator<SimulatorOptions> options) {
        return ProviderSimulator.start(options.apply(SimulatorOptions.defaults().withClock(new MutableClock(NOW))));
    }
}
