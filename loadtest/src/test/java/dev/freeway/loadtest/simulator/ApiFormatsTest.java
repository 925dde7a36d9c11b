package dev.freeway.loadtest.simulator;

import static dev.freeway.loadtest.simulator.SimClient.json;
import static dev.freeway.loadtest.simulator.SimClient.userMessage;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the formats share: one key's limits and counts, Cloudflare's account path, the base URLs. */
class ApiFormatsTest {
    private static final String CLOUDFLARE = "/client/v4/accounts/acc-7/ai/v1/chat/completions";
    private static final String GEMINI = "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}";
    private static final String ANTHROPIC =
            "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @Test
    void cloudflareAnswersAsOpenAiAndCountsItsAccount() {
        try (ProviderSimulator simulator = ProviderSimulator.start(SimulatorOptions.defaults())) {
            HttpResponse<String> response =
                    new SimClient(simulator).post(CLOUDFLARE, userMessage("hi"), "Authorization", "Bearer cf-token");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response.body()).at("/choices/0/message/content").asText())
                    .isEqualTo("Hello from sim: hi");
            assertThat(simulator.stats().requestsByAccount()).isEqualTo(Map.of("acc-7", 1L));
            assertThat(simulator.stats().requestsByFormat()).containsEntry(ApiFormat.CLOUDFLARE, 1L);
            assertThat(simulator.stats().requestsByKey()).isEqualTo(Map.of("cf-token", 1L));
        }
    }

    @Test
    void aKeysRequestLimitCountsEveryFormat() {
        try (ProviderSimulator simulator =
                ProviderSimulator.start(SimulatorOptions.defaults().withRpm(3))) {
            SimClient client = new SimClient(simulator);
            assertThat(client.chat("shared", userMessage("hi")).statusCode()).isEqualTo(200);
            assertThat(client.post("/v1beta/models/m:generateContent", GEMINI, "x-goog-api-key", "shared")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(client.post("/v2/chat", userMessage("hi"), "Authorization", "Bearer shared")
                            .statusCode())
                    .isEqualTo(200);
            HttpResponse<String> refused =
                    client.post("/v1/messages", ANTHROPIC, "x-api-key", "shared", "anthropic-version", "2023-06-01");

            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(json(refused.body()).at("/error/type").asText()).isEqualTo("rate_limit_error");
            SimulatorStats stats = simulator.stats();
            assertThat(stats.totalRequests()).isEqualTo(4);
            assertThat(stats.requestsByKey()).isEqualTo(Map.of("shared", 4L));
            assertThat(stats.requestsByFormat())
                    .isEqualTo(Map.of(
                            ApiFormat.OPENAI, 1L,
                            ApiFormat.GEMINI, 1L,
                            ApiFormat.COHERE, 1L,
                            ApiFormat.ANTHROPIC, 1L,
                            ApiFormat.CLOUDFLARE, 0L));
            assertThat(stats.maxTokensPerMinute("shared"))
                    .as("the same conversation costs the same tokens")
                    .isEqualTo(3 * 9);
        }
    }

    @Test
    void nearMissesOfTheChatPathsAreNotFound() {
        try (ProviderSimulator simulator = ProviderSimulator.start(SimulatorOptions.defaults())) {
            SimClient client = new SimClient(simulator);
            for (String path : new String[] {
                "/v1beta/models/m:countTokens",
                "/v1beta/models/:generateContent",
                "/client/v4/accounts//ai/v1/chat/completions",
                "/client/v4/accounts/a/b/ai/v1/chat/completions",
                "/v2/chat/extra"
            }) {
                HttpResponse<String> response = client.post(path, userMessage("hi"), "Authorization", "Bearer k");
                assertThat(response.statusCode()).as(path).isEqualTo(404);
                assertThat(json(response.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
            }
            assertThat(simulator.stats().totalRequests()).isZero();
        }
    }

    @Test
    void givesEachFormatsBaseUrl() {
        try (ProviderSimulator simulator = ProviderSimulator.start(SimulatorOptions.defaults())) {
            String root = "http://127.0.0.1:" + simulator.port();

            assertThat(simulator.baseUrl()).isEqualTo(root + "/v1");
            assertThat(simulator.baseUrl(ApiFormat.OPENAI)).isEqualTo(root + "/v1");
            assertThat(simulator.baseUrl(ApiFormat.GEMINI)).isEqualTo(root + "/v1beta");
            assertThat(simulator.baseUrl(ApiFormat.ANTHROPIC)).isEqualTo(root + "/v1");
            assertThat(simulator.baseUrl(ApiFormat.COHERE)).isEqualTo(root + "/v2");
            assertThat(simulator.baseUrl(ApiFormat.CLOUDFLARE)).isEqualTo(root + "/client/v4/accounts/{account}/ai/v1");
        }
    }
}
