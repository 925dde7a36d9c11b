package dev.freeway.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.freeway.gateway.testing.MutableClock;
import dev.freeway.gateway.testing.Simulators;
import dev.freeway.gateway.testing.TestConfigs;
import dev.freeway.gateway.testing.TestNode;
import dev.freeway.loadtest.simulator.ProviderSimulator;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The stress test users ran against the original proxy: 100 sequential {@code model: auto} requests
 * 0.2 s apart against three providers with small limits. The 0.2 s pacing runs on the clock the
 * gateway and the simulators share, so a minute boundary is crossed exactly, not by luck.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StressIT {
    private final MutableClock clock = MutableClock.at("2026-11-23T10:00:50Z");
    private final Simulators simulators = new Simulators(clock);

    @AfterEach
    void stop() {
        simulators.close();
    }

    @Test
    void one_hundred_sequential_auto_requests_succeed_without_a_client_facing_429() {
        int[] rpm = {20, 25, 60};
        String[] names = {"groq-sim", "cerebras-sim", "gemini-sim"};
        TestConfigs config = TestConfigs.builder();
        for (int i = 0; i < 3; i++) {
            int limit = rpm[i];
            ProviderSimulator simulator = simulators.start(names[i], options -> options.withRpm(limit));
            config.provider(names[i], simulator.baseUrl(), names[i] + "-key-0001")
                    .model("model-" + i, names[i], 70 - 10 * i, TestConfigs.rpm(limit));
        }
        Map<String, Integer> distribution = new TreeMap<>();
        int succeeded = 0;
        int clientFacing429 = 0;
        try (TestNode node = TestNode.start(config.build(), clock)) {
            OpenAIClient client = node.client();
            for (int i = 0; i < 100; i++) {
                try {
                    HttpResponseFor<ChatCompletion> raw = client.chat()
                            .completions()
                            .withRawResponse()
                            .create(ChatCompletionCreateParams.builder()
                                    .model("auto")
                                    .addUserMessage("stress request " + i)
                                    .build());
                    raw.parse();
                    succeeded++;
                    distribution.merge(raw.headers().values("X-Routed-Via").get(0), 1, Integer::sum);
                } catch (OpenAIServiceException e) {
                    clientFacing429 += e.statusCode() == 429 ? 1 : 0;
                }
                clock.advance(Duration.ofMillis(200));
            }
        }
        long upstream429 = simulators.all().stream()
                .mapToLong(s -> s.stats().rateLimited())
                .sum();
        System.out.printf(
                "stress: %d/100 succeeded, %d client-facing 429, %d upstream 429, distribution %s%n",
                succeeded, clientFacing429, upstream429, distribution);

        assertThat(succeeded).isGreaterThanOrEqualTo(99);
        assertThat(clientFacing429).isZero();
        assertThat(upstream429).isZero();
        assertThat(distribution).hasSize(3);
    }
}
