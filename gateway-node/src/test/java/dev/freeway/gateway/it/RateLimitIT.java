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
import dev.freeway.loadtest.simulator.ProviderSimulator;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** Limits are kept before the call: a provider at its limit is skipped, never made to answer 429. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RateLimitIT {
    private final MutableClock clock = MutableClock.at("2026-11-23T10:00:00Z");
    private final Simulators simulators = new Simulators(clock);
    private ProviderSimulator limited;
    private ProviderSimulator unlimited;
    private TestNode node;

    @AfterEach
    void stop() {
        node.close();
        simulators.close();
    }

    /** A node serving "shared" from a provider limited to {@code rpm}, with an unlimited one behind it. */
    private OpenAIClient startNode(int rpm) {
        limited = simulators.start("limited", options -> options.withRpm(rpm));
        unlimited = simulators.start("unlimited");
        node = TestNode.start(
                TestConfigs.builder()
                        .provider("limited", limited.baseUrl(), "limited-key-01")
                        .provider("unlimited", unlimited.baseUrl(), "unlimited-key-1")
                        .model("shared", "limited", 90, TestConfigs.rpm(rpm))
                        .model("shared", "unlimited", 10)
                        .build(),
                clock);
        return node.client();
    }

    @Test
    void a_5_rpm_provider_gets_at_most_5_of_12_requests_and_answers_no_429() {
        OpenAIClient client = startNode(5);

        Map<String, Integer> routed = new HashMap<>();
        for (int i = 0; i < 12; i++) {
            HttpResponseFor<ChatCompletion> raw = client.chat()
                    .completions()
                    .withRawResponse()
                    .create(ChatCompletionCreateParams.builder()
                            .model("auto")
                            .addUserMessage("request " + i)
                            .build());
            assertThat(raw.statusCode()).isEqualTo(200);
            assertThat(raw.headers().values("X-Fallback-Attempts")).containsExactly("0");
            routed.merge(raw.headers().values("X-Routed-Via").get(0), 1, Integer::sum);
        }

        assertThat(limited.stats().totalRequests()).isEqualTo(5);
        assertThat(limited.stats().rateLimited()).isZero();
        assertThat(routed).containsEntry("limited/shared", 5).containsEntry("unlimited/shared", 7);
    }

    @Test
    void capacity_returns_at_the_next_minute_window() {
        OpenAIClient client = startNode(2);
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model("shared")
                .addUserMessage("hi")
                .build();

        for (int i = 0; i < 3; i++) {
            client.chat().completions().create(params);
        }
        assertThat(limited.stats().totalRequests()).isEqualTo(2);
        clock.advance(java.time.Duration.ofSeconds(60));
        for (int i = 0; i < 3; i++) {
            client.chat().completions().create(params);
        }
        assertThat(limited.stats().totalRequests()).isEqualTo(4);
        assertThat(limited.stats().rateLimited()).isZero();
        assertThat(unlimited.stats().totalRequests()).isEqualTo(2);
    }
}
