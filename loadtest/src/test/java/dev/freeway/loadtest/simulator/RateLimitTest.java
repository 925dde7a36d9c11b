package dev.freeway.loadtest.simulator;

import static dev.freeway.loadtest.simulator.SimClient.userMessage;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitTest {
    private static final String HELLO = userMessage("hi");

    @Test
    void thirdRequestInAMinuteIsRefusedUntilTheNextMinute() {
        MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:30Z"));
        try (ProviderSimulator simulator =
                ProviderSimulator.start(SimulatorOptions.defaults().withRpm(2).withClock(clock))) {
            SimClient client = new SimClient(simulator);

            HttpResponse<String> first = client.chat(HELLO);
            assertThat(first.statusCode()).isEqualTo(200);
            assertRateHeaders(first, "2", "1", "30s");
            assertRateHeaders(client.chat(HELLO), "2", "0", "30s");

            HttpResponse<String> refused = client.chat(HELLO);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("retry-after")).contains("30");
            assertRateHeaders(refused, "2", "0", "30s");
            assertThat(refused.headers().firstValue("content-type")).contains("application/json");
            assertThat(SimClient.json(refused.body()))
                    .isEqualTo(SimClient.json("{\"error\":{\"message\":\"Rate limit reached for requests\","
                            + "\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}"));

            assertThat(client.chat("another-key", HELLO).statusCode())
                    .as("limits are per key")
                    .isEqualTo(200);

            clock.set(Instant.parse("2025-03-01T10:01:00Z"));
            HttpResponse<String> nextMinute = client.chat(HELLO);
            assertThat(nextMinute.statusCode()).isEqualTo(200);
            assertRateHeaders(nextMinute, "2", "1", "1m0s");

            SimulatorStats stats = simulator.stats();
            assertThat(stats.totalRequests()).isEqualTo(5);
            assertThat(stats.succeeded()).isEqualTo(4);
            assertThat(stats.rateLimited()).isEqualTo(1);
            assertThat(stats.byStatus()).isEqualTo(Map.of(200, 4L, 429, 1L));
            assertThat(stats.requestsByKey()).isEqualTo(Map.of(SimClient.KEY, 4L, "another-key", 1L));
        }
    }

    @Test
    void aRefusedRequestTakesNoQuotaFromTheOtherWindow() {
        MutableClock clock = new MutableClock(Instant.parse("2025-03-01T23:58:10Z"));
        try (ProviderSimulator simulator = ProviderSimulator.start(
                SimulatorOptions.defaults().withRpm(2).withRpd(3).withClock(clock))) {
            SimClient client = new SimClient(simulator);
            client.chat(HELLO);
            client.chat(HELLO);
            assertThat(client.chat(HELLO).statusCode()).as("over the minute").isEqualTo(429);

            clock.set(Instant.parse("2025-03-01T23:59:00Z"));
            HttpResponse<String> third = client.chat(HELLO);
            assertThat(third.statusCode())
                    .as("the refused request did not count toward the day")
                    .isEqualTo(200);
            assertRateHeaders(third, "3", "0", "1m0s");

            HttpResponse<String> overDay = client.chat(HELLO);
            assertThat(overDay.statusCode()).isEqualTo(429);
            assertThat(overDay.headers().firstValue("retry-after")).contains("60");
            assertRateHeaders(overDay, "3", "0", "1m0s");

            clock.set(Instant.parse("2025-03-02T00:00:00Z"));
            assertThat(client.chat(HELLO).statusCode()).as("a new UTC day").isEqualTo(200);
        }
    }

    @Test
    void configuredRetryAfterOverridesTheCountdownAndResetClearsTheWindows() {
        MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
        try (ProviderSimulator simulator = ProviderSimulator.start(
                SimulatorOptions.defaults().withRpm(1).withRetryAfterSeconds(7).withClock(clock))) {
            SimClient client = new SimClient(simulator);
            client.chat(HELLO);
            HttpResponse<String> refused = client.chat(HELLO);
            assertThat(refused.headers().firstValue("retry-after")).contains("7");
            assertRateHeaders(refused, "1", "0", "1m0s");

            simulator.reset();
            assertThat(simulator.stats().totalRequests()).isZero();
            assertThat(simulator.stats().byStatus()).isEmpty();
            assertThat(client.chat(HELLO).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void unlimitedKeysGetNoRateHeaders() {
        try (ProviderSimulator simulator = ProviderSimulator.start(SimulatorOptions.defaults())) {
            HttpResponse<String> response = new SimClient(simulator).chat(HELLO);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("x-ratelimit-limit-requests"))
                    .isEmpty();
            assertThat(response.headers().firstValue("x-ratelimit-limit-tokens"))
                    .isEmpty();
        }
    }

    private static void assertRateHeaders(HttpResponse<String> response, String limit, String remaining, String reset) {
        assertThat(response.headers().firstValue("x-ratelimit-limit-requests")).contains(limit);
        assertThat(response.headers().firstValue("x-ratelimit-remaining-requests"))
                .contains(remaining);
        assertThat(response.headers().firstValue("x-ratelimit-reset-requests")).contains(reset);
    }
}
