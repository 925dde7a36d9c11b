package dev.freeway.loadtest.simulator;

import static dev.freeway.loadtest.simulator.SimClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class GeminiApiTest {
    private static final String GENERATE = "/v1beta/models/gemini-2.5-flash:generateContent";
    private static final String STREAM = "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse";
    private static final String QUESTION = "What is the capital of France?";
    private static final String ASK = "{\"systemInstruction\":{\"parts\":[{\"text\":\"Be brief.\"}]},"
            + "\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"" + QUESTION + "\"}]}]}";
    private static final String WEATHER_TOOL = "\"tools\":[{\"functionDeclarations\":[{\"name\":\"get_weather\","
            + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}]}]";
    private static final String ASK_WEATHER =
            "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"weather?\"}]}]," + WEATHER_TOOL + "}";
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:30Z");

    @Test
    void answersTextAsACandidateWithTheSameUsageAsTheOpenAiConversation() {
        try (ProviderSimulator simulator = start(o -> o)) {
            SimClient client = new SimClient(simulator);
            HttpResponse<String> response = client.post(GENERATE, ASK, "x-goog-api-key", "g-key");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).contains("application/json");
            assertThat(json(response.body()))
                    .isEqualTo(json("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hello from sim: " + QUESTION
                            + "\"}],\"role\":\"model\"},\"finishReason\":\"STOP\",\"index\":0}],"
                            + "\"usageMetadata\":{\"promptTokenCount\":18,\"candidatesTokenCount\":9,"
                            + "\"totalTokenCount\":27},\"modelVersion\":\"gemini-2.5-flash\","
                            + "\"responseId\":\"chatcmpl-sim-1\"}"));

            JsonNode openAi = json(client.chat("{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":"
                            + "\"Be brief.\"},{\"role\":\"user\",\"content\":\"" + QUESTION + "\"}]}")
                    .body());
            assertThat(openAi.at("/usage/prompt_tokens").asInt()).isEqualTo(18);
            assertThat(simulator.stats().requestsByKey()).containsEntry("g-key", 1L);
            assertThat(simulator.stats().requestsByFormat())
                    .containsEntry(ApiFormat.GEMINI, 1L)
                    .containsEntry(ApiFormat.OPENAI, 1L);
        }
    }

    @Test
    void takesTheKeyFromTheQueryWhenNoHeaderCarriesIt() {
        try (ProviderSimulator simulator = start(o -> o)) {
            HttpResponse<String> response = new SimClient(simulator).post(GENERATE + "?key=q-key", ASK);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(simulator.stats().requestsByKey()).containsOnlyKeys("q-key");
        }
    }

    @Test
    void callsTheFirstDeclaredFunctionWithArgsAsAnObject() {
        try (ProviderSimulator simulator = start(o -> o)) {
            JsonNode body = json(new SimClient(simulator)
                    .post(GENERATE, ASK_WEATHER, "x-goog-api-key", "g-key")
                    .body());

            assertThat(body.at("/candidates/0/content/parts"))
                    .isEqualTo(json("[{\"functionCall\":{\"name\":\"get_weather\",\"args\":{\"city\":\"Paris\"}}}]"));
            assertThat(body.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
            assertThat(body.at("/usageMetadata/candidatesTokenCount").asInt()).isEqualTo(7);
        }
    }

    @Test
    void answersAFunctionResponseInText() {
        try (ProviderSimulator simulator = start(o -> o)) {
            String body = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"weather?\"}]},"
                    + "{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"get_weather\",\"args\":{}}}]},"
                    + "{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"name\":\"get_weather\","
                    + "\"response\":{\"result\":\"sunny\"}}}]}]," + WEATHER_TOOL + "}";
            JsonNode answer = json(new SimClient(simulator)
                    .post(GENERATE, body, "x-goog-api-key", "g-key")
                    .body());

            assertThat(answer.at("/candidates/0/content/parts/0/text").asText())
                    .isEqualTo("Hello from sim: tool said sunny");
        }
    }

    @Test
    void stopsAtMaxOutputTokens() {
        try (ProviderSimulator simulator = start(o -> o)) {
            String capped = ASK.substring(0, ASK.length() - 1) + ",\"generationConfig\":{\"maxOutputTokens\":2}}";
            JsonNode answer = json(new SimClient(simulator)
                    .post(GENERATE, capped, "x-goog-api-key", "g-key")
                    .body());

            assertThat(answer.at("/candidates/0/content/parts/0/text").asText()).isEqualTo("Hello from");
            assertThat(answer.at("/candidates/0/finishReason").asText()).isEqualTo("MAX_TOKENS");
            assertThat(answer.at("/usageMetadata/candidatesTokenCount").asInt()).isEqualTo(2);
        }
    }

    @Test
    void streamsOneChunkPerWordWithCrlfFramingAndNoDone() {
        try (ProviderSimulator simulator = start(o -> o)) {
            HttpResponse<String> response = new SimClient(simulator).post(STREAM, ASK, "x-goog-api-key", "g-key");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).contains("text/event-stream");
            assertThat(response.body())
                    .startsWith("data: {")
                    .endsWith("}\r\n\r\n")
                    .doesNotContain("[DONE]");
            List<SseEvent> events = SseEvent.parse(response.body());
            assertThat(events)
                    .hasSize(9)
                    .allSatisfy(event -> assertThat(event.name()).isNull());

            StringBuilder text = new StringBuilder();
            for (int i = 0; i < events.size(); i++) {
                JsonNode chunk = events.get(i).data();
                text.append(chunk.at("/candidates/0/content/parts/0/text").asText());
                assertThat(chunk.at("/usageMetadata/candidatesTokenCount").asInt())
                        .isEqualTo(i + 1);
                assertThat(chunk.at("/candidates/0/finishReason").isMissingNode())
                        .isEqualTo(i < 8);
            }
            assertThat(text.toString()).isEqualTo("Hello from sim: " + QUESTION);
            JsonNode last = events.get(8).data();
            assertThat(last.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
            assertThat(last.get("usageMetadata"))
                    .isEqualTo(json("{\"promptTokenCount\":18,\"candidatesTokenCount\":9,\"totalTokenCount\":27}"));
            assertThat(simulator.stats().succeeded()).isEqualTo(1);
        }
    }

    @Test
    void streamsAFunctionCallWholeInOneChunk() {
        try (ProviderSimulator simulator = start(o -> o)) {
            List<SseEvent> events = SseEvent.parse(new SimClient(simulator)
                    .post(STREAM, ASK_WEATHER, "x-goog-api-key", "g-key")
                    .body());

            assertThat(events).hasSize(1);
            JsonNode candidate = events.get(0).data().at("/candidates/0");
            assertThat(candidate.at("/content/parts/0/functionCall"))
                    .isEqualTo(json("{\"name\":\"get_weather\",\"args\":{\"city\":\"Paris\"}}"));
            assertThat(candidate.get("finishReason").asText()).isEqualTo("STOP");
        }
    }

    @Test
    void refusesAStreamWithoutAltSse() {
        try (ProviderSimulator simulator = start(o -> o)) {
            HttpResponse<String> response =
                    new SimClient(simulator).post(STREAM.replace("?alt=sse", ""), ASK, "x-goog-api-key", "g-key");

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(json(response.body()).at("/error/status").asText()).isEqualTo("INVALID_ARGUMENT");
        }
    }

    @Test
    void aCutFunctionCallStreamEndsBeforeItsOnlyChunk() throws IOException {
        try (ProviderSimulator simulator = start(o -> o)) {
            simulator.failNext(FailureMode.STREAM_CUT, 1);
            String raw = new SimClient(simulator).postUntilClosed(STREAM, ASK_WEATHER, "x-goog-api-key", "g-key");

            assertThat(raw).startsWith("HTTP/1.1 200 OK").doesNotContain("functionCall");
        }
    }

    @Test
    void exhaustedRequestsPerMinuteAnswerResourceExhaustedWithThePerMinuteQuotaId() {
        try (ProviderSimulator simulator = start(o -> o.withRpm(1))) {
            SimClient client = new SimClient(simulator);
            assertThat(client.post(GENERATE, ASK, "x-goog-api-key", "g-key").statusCode())
                    .isEqualTo(200);
            HttpResponse<String> refused = client.post(GENERATE, ASK, "x-goog-api-key", "g-key");

            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("retry-after")).isEmpty();
            JsonNode error = json(refused.body()).get("error");
            assertThat(error.get("code").asInt()).isEqualTo(429);
            assertThat(error.get("status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
            assertThat(error.get("details"))
                    .isEqualTo(json("[{\"@type\":\"type.googleapis.com/google.rpc.QuotaFailure\",\"violations\":[{"
                            + "\"quotaMetric\":\"generativelanguage.googleapis.com/generate_content_free_tier_requests\","
                            + "\"quotaId\":\"GenerateRequestsPerMinutePerProjectPerModel-FreeTier\","
                            + "\"quotaDimensions\":{\"location\":\"global\",\"model\":\"gemini-2.5-flash\"},"
                            + "\"quotaValue\":\"1\"}]},"
                            + "{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"30s\"}]"));
            assertThat(simulator.stats().rateLimited()).isEqualTo(1);
        }
    }

    @Test
    void exhaustedRequestsPerDayNameThePerDayQuotaAndWaitUntilMidnight() {
        try (ProviderSimulator simulator = start(o -> o.withRpd(1))) {
            SimClient client = new SimClient(simulator);
            client.post(GENERATE, ASK, "x-goog-api-key", "g-key");
            JsonNode details = json(client.post(GENERATE, ASK, "x-goog-api-key", "g-key")
                            .body())
                    .at("/error/details");

            assertThat(details.at("/0/violations/0/quotaId").asText())
                    .isEqualTo("GenerateRequestsPerDayPerProjectPerModel-FreeTier");
            assertThat(details.at("/1/retryDelay").asText()).isEqualTo((14 * 3600 - 30) + "s");
        }
    }

    @Test
    void exhaustedTokensPerMinuteNameTheInputTokenQuota() {
        try (ProviderSimulator simulator = start(o -> o.withTpm(10))) {
            SimClient client = new SimClient(simulator);
            client.post(GENERATE, ASK, "x-goog-api-key", "g-key");
            JsonNode violation = json(client.post(GENERATE, ASK, "x-goog-api-key", "g-key")
                            .body())
                    .at("/error/details/0/violations/0");

            assertThat(violation.get("quotaId").asText())
                    .isEqualTo("GenerateContentInputTokensPerModelPerMinute-FreeTier");
            assertThat(violation.get("quotaMetric").asText()).endsWith("/generate_content_free_tier_input_token_count");
        }
    }

    @Test
    void overloadIsUnavailableAndABadKeyIsApiKeyInvalid() {
        try (ProviderSimulator simulator = start(o -> o)) {
            SimClient client = new SimClient(simulator);
            simulator.failNext(FailureMode.ERROR_503, 1);
            HttpResponse<String> overloaded = client.post(GENERATE, ASK, "x-goog-api-key", "g-key");
            assertThat(overloaded.statusCode()).isEqualTo(503);
            assertThat(json(overloaded.body()).at("/error/status").asText()).isEqualTo("UNAVAILABLE");

            simulator.failNext(FailureMode.INVALID_KEY, 1);
            HttpResponse<String> badKey = client.post(GENERATE, ASK, "x-goog-api-key", "g-key");
            assertThat(badKey.statusCode()).isEqualTo(400);
            JsonNode error = json(badKey.body()).get("error");
            assertThat(error.get("status").asText()).isEqualTo("INVALID_ARGUMENT");
            assertThat(error.at("/details/0/reason").asText()).isEqualTo("API_KEY_INVALID");

            simulator.failNext(FailureMode.ERROR_500, 1);
            assertThat(json(client.post(GENERATE, ASK, "x-goog-api-key", "g-key")
                                    .body())
                            .at("/error/status")
                            .asText())
                    .isEqualTo("INTERNAL");

            HttpResponse<String> noKey = client.post(GENERATE, ASK);
            assertThat(noKey.statusCode()).isEqualTo(403);
            assertThat(json(noKey.body()).at("/error/status").asText()).isEqualTo("PERMISSION_DENIED");
        }
    }

    private static ProviderSimulator start(UnaryOperator<SimulatorOptions> options) {
        return ProviderSimulator.start(options.apply(SimulatorOptions.defaults().withClock(new MutableClock(NOW))));
    }
}
