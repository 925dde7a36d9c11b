package dev.freeway.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.freeway.gateway.testing.MutableClock;
import dev.freeway.gateway.testing.Simulators;
import dev.freeway.gateway.testing.TestConfigs;
import dev.freeway.gateway.testing.TestNode;
import dev.freeway.loadtest.simulator.FailureMode;
import dev.freeway.loadtest.simulator.ProviderSimulator;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A provider that always answers 429 is tried once, then skipped (cooldown, then a sunk score)
 * until its penalty has decayed on the injected clock.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PenaltyIT {
    private final MutableClock clock = MutableClock.at("2026-11-23T10:00:00Z");
    private final Simulators simulators = new Simulators(clock);
    private ProviderSimulator throttled;
    private ProviderSimulator healthy;
    private TestNode node;
    private OpenAIClient client;

    @BeforeAll
    void start() {
        throttled = simulators.start(
                "throttled",
                options -> options.withFailureMode(FailureMode.ALWAYS_429).withRetryAfterSeconds(5));
        healthy = simulators.start("healthy");
        node = TestNode.start(
                TestConfigs.builder()
                        .provider("throttled", throttled.baseUrl(), "throttled-key-1")
                        .provider("healthy", healthy.baseUrl(), "healthy-key-01")
                        .model("model", "throttled", 80)
                        .model("model", "healthy", 70)
                        .build(),
                clock);
        client = node.client();
    }

    @AfterAll
    void stop() {
        node.close();
        simulators.close();
    }

    private HttpResponseFor<ChatCompletion> ask() {
        return client.chat()
                .completions()
                .withRawResponse()
                .create(ChatCompletionCreateParams.builder()
                        .model("auto")
                        .addUserMessage("hi")
                        .build());
    }

    @Test
    void a_throttling_provider_is_tried_once_then_skipped_until_its_penalty_decays() {
        HttpResponseFor<ChatCompletion> first = ask();
        assertThat(first.headers().values("X-Routed-Via")).containsExactly("healthy/model");
        assertThat(first.headers().values("X-Fallback-Attempts")).containsExactly("1");
        assertThat(throttled.stats().totalRequests()).isEqualTo(1);

        for (int i = 0; i < 5; i++) {
            assertThat(ask().headers().values("X-Fallback-Attempts")).containsExactly("0");
        }
        clock.advance(Duration.ofSeconds(100));
        for (int i = 0; i < 5; i++) {
            assertThat(ask().headers().values("X-Routed-Via")).containsExactly("healthy/model");
        }
        assertThat(throttled.stats().totalRequests())
                .as("benched for 90 s, then sunk below the healthy provider by its remaining penalty")
                .isEqualTo(1);

        clock.advance(Duration.ofMinutes(6));
        HttpResponseFor<ChatCompletion> afterDecay = ask();
        assertThat(throttled.stats().totalRequests()).isEqualTo(2);
        assertThat(afterDecay.headers().values("X-Fallback-Attempts")).containsExactly("1");
        assertThat(healthy.stats().rateLimited()).isZero();
    }
}
