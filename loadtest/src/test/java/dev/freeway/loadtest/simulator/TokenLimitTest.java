package dev.freeway.loadtest.simulator;

import static dev.freeway.loadtest.simulator.SimClient.json;
import static dev.freeway.loadtest.simulator.SimClient.userMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class TokenLimitTest {
    /** 9 tokens: "hi" is 1 prompt token plus 4 for its message, and "Hello from sim: hi" 4 completion tokens. */
    private static final String HELLO = userMessage("hi");

    private static final String TOKENS_429 = "{\"error\":{\"message\":\"Rate limit reached for tokens\","
            + "\"type\":\"tokens\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}";

    @Test
    void helloCostsTheTokensItsUsageReports() {
        try (ProviderSimulator simulator = ProviderSimulator.start(SimulatorOptions.defaults())) {
            JsonNode usage = json(new SimClient(simulator).chat(HELLO).body()).get("usage");
            assertThat(usage).isEqualTo(json("{\"prompt_tokens\":5,\"completion_tokens\":4,\"total_tokens\":9}"));
        }
    }

    @Test
    void aMinuteThatHasReachedItsTokenLimitRefusesUntilTheNextMinute() {
        MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:30Z"));
        try (ProviderSimulator simulator =
                ProviderSimulator.start(SimulatorOptions.defaults().withTpm(20).withClock(clock))) {
            SimClient client = new SimClient(simulator);

            assertTokenHeaders(client.chat(HELLO), "20", "11", "30s");
            assertTokenHeaders(client.chat(HELLO), "20", "2", "30s");
            HttpResponse<String> crossing = client.chat(HELLO);
            assertThat(crossing.statusCode())
                    .as("18 of 20 tokens used: not reached yet, so served in full")
                    .isEqualTo(200);
            assertTokenHeaders(crossing, "20", "0", "30s");

            HttpResponse<String> refused = client.chat(HELLO);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(json(refused.body())).isEqualTo(json(TOKENS_429));
            assertThat(refused.headers().firstValue("retry-after")).contains("30");
            assertTokenHeaders(refused, "20", "0", "30s");
            assertThat(refused.headers().firstValue("x-ratelimit-limit-requests"))
                    .as("no request limit configured")
                    .isEmpty();

            assertThat(client.chat("another-key", HELLO).statusCode())
                    .as("limits are per key")
                    .isEqualTo(200);

            clock.set(Instant.parse("2025-03-01T10:01:00Z"));
            HttpResponse<String> nextMinute = client.chat(HELLO);
            assertThat(nextMinute.statusCode()).isEqualTo(200);
            assertTokenHeaders(nextMinute, "20", "11", "1m0s");
        }
    }

    @Test
    void aDayThatHasReachedItsTokenLimitRefusesUntilTheNextUtcDay() {
        MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:30Z"));
        try (ProviderSimulator simulator =
                ProviderSimulator.start(SimulatorOptions.defaults().withTpd(18).withClock(clock))) {
            SimClient client = new SimClient(simulator);
            client.chat(HELLO);
            assertTokenHeaders(client.chat(HELLO), "18", "0", "13h59m30s");

            clock.set(Instant.parse("2025-03-01T10:01:00Z"));
            HttpResponse<String> refused = client.chat(HELLO);
            assertThat(refused.statusCode()).as("a new minute, the same day").isEqualTo(429);
            assertThat(json(refused.body())).isEqualTo(json(TOKENS_429));
            assertThat(refused.headers().firstValue("retry-after")).contains(Long.toString(13 * 3600 + 59 * 60));
            assertTokenHeaders(refused, "18", "0", "13h59m0s");

            clock.set(Instant.parse("2025-03-02T00:00:00Z"));
            HttpResponse<String> nextDay = client.chat(HELLO);
            assertThat(nextDay.statusCode()).isEqualTo(200);
            assertTokenHeaders(nextDay, "18", "9", "24h0m0s");
        }
    }

    @Test
    void headersAdvertiseTheTighterWindowOfEachKind() {
        MutableClock clock = new MutableClock(Instant.parse("2025-03-01T23:58:30Z"));
        try (ProviderSimulator simulator = ProviderSimulator.start(SimulatorOptions.defaults()
                .withRpm(10)
                .withRpd(100)
                .withTpm(1000)
                .withTpd(20)
                .withClock(clock))) {
            HttpResponse<String> response = new SimClient(simulator).chat(HELLO);

            assertThat(response.headers().firstValue("x-ratelimit-limit-requests"))
                    .contains("10");
            assertThat(response.headers().firstValue("x-ratelimit-remaining-requests"))
                    .contains("9");
            assertThat(response.headers().firstValue("x-ratelimit-reset-requests"))
                    .contains("30s");
            assertTokenHeaders(response, "20", "11", "1m30s");
        }
    }

    @Test
    void aRequestRefusedForTokensTakesNoRequest() {
        MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
        try (ProviderSimulator simulator = ProviderSimulator.start(
                SimulatorOptions.defaults().withRpm(3).withTpm(18).withClock(clock))) {
            SimClient client = new SimClient(simulator);
            client.chat(HELLO);
            client.chat(HELLO);

            HttpResponse<String> refused = client.chat(HELLO);
            assertThat(json(refused.body()).at("/error/type").asText()).isEqualTo("tokens");
            assertThat(refused.headers().firstValue("x-ratelimit-remaining-requests"))
                    .contains("1");
            assertThat(simulator.stats().minuteWindows())
                    .extracting(WindowCount::requests, WindowCount::tokens, WindowCount::rateLimited)
                    .containsExactly(tuple(2L, 18L, 1L));
        }
    }

    @Test
    void aRequestRefusedForRequestsTakesNoTokens() {
        MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
        try (ProviderSimulator simulator = ProviderSimulator.start(
                SimulatorOptions.defaults().withRpm(2).withTpm(30).withClock(clock))) {
            SimClient client = new SimClient(simulator);
            client.chat(HELLO);
            client.chat(HELLO);

            HttpResponse<String> refused = client.chat(HELLO);
            assertThat(json(refused.body()).at("/error/type").asText()).isEqualTo("requests");
            assertThat(refused.headers().firstValue("x-ratelimit-remaining-requests"))
                    .contains("0");
            assertTokenHeaders(refused, "30", "12", "1m0s");
            assertThat(simulator.stats().minuteWindows())
                    .extracting(WindowCount::requests, WindowCount::tokens, WindowCount::rateLimited)
                    .containsExactly(tuple(2L, 18L, 1L));
        }
    }

    @Test
    void streamsAreChargedTheUsageTheyReportAndTheirHeadersAlreadyCountIt() {
        MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
        try (ProviderSimulator simulator = ProviderSimulator.start(
                SimulatorOptions.defaults().withTpm(1000).withClock(clock))) {
            SimClient client = new SimClient(simulator);
            String question = "What is the capital of France?";
            HttpResponse<String> withUsage = client.chat("{\"model\":\"m\",\"stream\":true,"
                    + "\"stream_options\":{\"include_usage\":true},"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"" + question + "\"}]}");
            List<JsonNode> chunks = StreamingTest.chunks(withUsage.body());
            int reported =
                    chunks.get(chunks.size() - 1).at("/usage/total_tokens").asInt();
            assertThat(reported).isEqualTo(21);
            assertTokenHeaders(withUsage, "1000", Integer.toString(1000 - reported), "1m0s");

            HttpResponse<String> toolCall = client.chat("{\"model\":\"m\",\"stream\":true,"
                    + "\"stream_options\":{\"include_usage\":true},"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"weather?\"}],"
                    + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}]}");
            List<JsonNode> toolChunks = StreamingTest.chunks(toolCall.body());
            int toolTokens = toolChunks
                    .get(toolChunks.size() - 1)
                    .at("/usage/total_tokens")
                    .asInt();
            assertThat(toolTokens).isEqualTo(13);

            client.chat("{\"model\":\"m\",\"stream\":true," + "\"messages\":[{\"role\":\"user\",\"content\":\""
                    + question + "\"}]}");

            assertThat(simulator.stats().maxTokensPerMinute(SimClient.KEY))
                    .as("a stream without a usage chunk costs what the same stream with one reports")
                    .isEqualTo(reported + toolTokens + reported);
        }
    }

    @Test
    void concurrentRequestsCrossTheLimitByExactlyOneRequest() {
        MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
        try (ProviderSimulator simulator = ProviderSimulator.start(
                SimulatorOptions.defaults().withTpm(100).withInstances(3).withClock(clock))) {
            SimClient client = new SimClient(simulator);
            List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                responses.add(client.chatAsync(HELLO));
            }

            long served = responses.stream()
                    .filter(response -> response.join().statusCode() == 200)
                    .count();
            assertThat(served).as("admitted while under 100 tokens: 12 x 9").isEqualTo(12);
            assertThat(simulator.stats().minuteWindows())
                    .containsExactly(new WindowCount(SimClient.KEY, clock.millis() / 60_000, 12, 108, 28));
        }
    }

    private static void assertTokenHeaders(
            HttpResponse<String> response, String limit, String remaining, String reset) {
        assertThat(response.headers().firstValue("x-ratelimit-limit-tokens")).contains(limit);
        assertThat(response.headers().firstValue("x-ratelimit-remaining-tokens"))
                .contains(remaining);
        assertThat(response.headers().firstValue("x-ratelimit-reset-tokens")).contains(reset);
    }
}
