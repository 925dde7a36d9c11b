package dev.freeway.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.openai.client.OpenAIClient;
import com.openai.errors.InternalServerException;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.freeway.gateway.config.RoutingConfig;
import dev.freeway.gateway.testing.MutableClock;
import dev.freeway.gateway.testing.Simulators;
import dev.freeway.gateway.testing.TestConfigs;
import dev.freeway.gateway.testing.TestNode;
import dev.freeway.loadtest.simulator.FailureMode;
import dev.freeway.loadtest.simulator.ProviderSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** Several keys of one provider are separate candidates; attempts are bounded by max_attempts. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class KeyPoolingIT {
    private final MutableClock clock = MutableClock.at("2026-11-23T10:00:00Z");
    private final Simulators simulators = new Simulators(clock);
    private TestNode node;

    @AfterEach
    void stop() {
        node.close();
        simulators.close();
    }

    private ProviderSimulator simulator(String name, int rpm, FailureMode mode) {
        return simulators.start(name, options -> options.withRpm(rpm).withFailureMode(mode));
    }

    private static ChatCompletionCreateParams ask() {
        return ChatCompletionCreateParams.builder()
                .model("m")
                .addUserMessage("hi")
                .build();
    }

    @Test
    void each_key_has_its_own_limit_and_the_pool_is_their_sum() {
        ProviderSimulator pooled = simulator("pooled", 2, FailureMode.NONE);
        node = TestNode.start(
                TestConfigs.builder()
                        .provider("pooled", pooled.baseUrl(), "pooled-key-0001", "pooled-key-0002")
                        .model("m", "pooled", 50, TestConfigs.rpm(2))
                        .build(),
                clock);
        OpenAIClient client = node.client();

        for (int i = 0; i < 4; i++) {
            client.chat().completions().create(ask());
        }
        RateLimitException e = catchThrowableOfType(
                RateLimitException.class, () -> client.chat().completions().create(ask()));

        assertThat(e.statusCode()).isEqualTo(429);
        assertThat(pooled.stats().requestsByKey())
                .containsEntry("pooled-key-0001", 2L)
                .containsEntry("pooled-key-0002", 2L);
        assertThat(pooled.stats().rateLimited()).isZero();
    }

    @Test
    void stops_after_max_attempts_failed_calls() {
        TestConfigs config =
                TestConfigs.builder().routing(new RoutingConfig(2, null, null, null, null, null, null, null));
        for (int i = 0; i < 3; i++) {
            config.provider(
                            "down" + i,
                            simulator("down" + i, 0, FailureMode.ERROR_500).baseUrl(),
                            "down-key-000" + i)
                    .model("m", "down" + i, 90 - i);
        }
        node = TestNode.start(config.build(), clock);

        InternalServerException e = catchThrowableOfType(
                InternalServerException.class,
                () -> node.client().chat().completions().create(ask()));

        assertThat(e.statusCode()).isEqualTo(502);
        assertThat(simulators.all().stream().map(s -> s.stats().totalRequests()).toList())
                .containsExactly(1L, 1L, 0L);
    }
}
