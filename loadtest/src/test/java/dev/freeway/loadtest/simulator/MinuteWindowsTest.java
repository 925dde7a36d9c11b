package dev.freeway.loadtest.simulator;

import static dev.freeway.loadtest.simulator.SimClient.json;
import static dev.freeway.loadtest.simulator.SimClient.userMessage;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class MinuteWindowsTest {
    private static final String HELLO = userMessage("hi");
    private static final int HELLO_TOKENS = 9;
    private static final Instant START = Instant.parse("2025-03-01T10:00:59.999Z");
    private static final long FIRST_MINUTE = START.toEpochMilli() / 60_000;

    @Test
    void countsEachKeysAdmittedRequestsTokensAndRefusalsPerMinute() {
        MutableClock clock = new MutableClock(START);
        try (ProviderSimulator simulator =
                ProviderSimulator.start(SimulatorOptions.defaults().withRpm(2).withClock(clock))) {
            SimClient gateway = new SimClient(simulator);
            SimClient someoneElse = new SimClient(simulator);
            gateway.chat(HELLO);
            someoneElse.chat(HELLO);
            assertThat(gateway.chat(HELLO).statusCode())
                    .as("the key's quota is shared by everyone who holds it")
                    .isEqualTo(429);
            someoneElse.chat("k2", HELLO);

            clock.set(START.plusMillis(1));
            gateway.chat(HELLO);
            simulator.failNext(FailureMode.ALWAYS_429, 1);
            gateway.chat(HELLO);
            simulator.failNext(FailureMode.ERROR_500, 1);
            gateway.chat(HELLO);

            SimulatorStats stats = simulator.stats();
            assertThat(stats.minuteWindows())
                    .containsExactly(
                            new WindowCount("k2", FIRST_MINUTE, 1, HELLO_TOKENS, 0),
                            new WindowCount(SimClient.KEY, FIRST_MINUTE, 2, 2 * HELLO_TOKENS, 1),
                            new WindowCount(SimClient.KEY, FIRST_MINUTE + 1, 1, HELLO_TOKENS, 1));
            assertThat(stats.maxRequestsPerMinute(SimClient.KEY)).isEqualTo(2);
            assertThat(stats.maxTokensPerMinute(SimClient.KEY)).isEqualTo(2 * HELLO_TOKENS);
            assertThat(stats.maxRequestsPerMinute("unseen")).isZero();
            assertThat(stats.requestsByKey())
                    .as("every request, refused or failed")
                    .containsEntry(SimClient.KEY, 6L);

            assertThat(json(gateway.get("/_sim/stats").body()).get("windows"))
                    .isEqualTo(json("[{\"key\":\"k2\",\"minute\":" + FIRST_MINUTE
                            + ",\"requests\":1,\"tokens\":9,\"rateLimited\":0},"
                            + "{\"key\":\"sk-test\",\"minute\":" + FIRST_MINUTE
                            + ",\"requests\":2,\"tokens\":18,\"rateLimited\":1},"
                            + "{\"key\":\"sk-test\",\"minute\":" + (FIRST_MINUTE + 1)
                            + ",\"requests\":1,\"tokens\":9,\"rateLimited\":1}]"));
        }
    }

    @Test
    void resetForgetsTheWindows() {
        try (ProviderSimulator simulator = ProviderSimulator.start(SimulatorOptions.defaults())) {
            SimClient client = new SimClient(simulator);
            client.chat(HELLO);
            assertThat(simulator.stats().minuteWindows()).hasSize(1);

            client.post("/_sim/reset");

            assertThat(simulator.stats().minuteWindows()).isEmpty();
            assertThat(simulator.stats().maxTokensPerMinute(SimClient.KEY)).isZero();
            assertThat(json(client.get("/_sim/stats").body()).get("windows")).isEmpty();
        }
    }
}
