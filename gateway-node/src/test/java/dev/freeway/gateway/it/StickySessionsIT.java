package dev.freeway.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.freeway.gateway.testing.MutableClock;
import dev.freeway.gateway.testing.Simulators;
import dev.freeway.gateway.testing.TestConfigs;
import dev.freeway.gateway.testing.TestNode;
import dev.freeway.loadtest.simulator.ProviderSimulator;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A conversation keeps the model that served it, for 30 minutes, while that model has capacity. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StickySessionsIT {
    private final MutableClock clock = MutableClock.at("2026-11-23T10:00:00Z");
    private final Simulators simulators = new Simulators(clock);
    private TestNode node;
    private OpenAIClient client;

    @BeforeAll
    void start() {
        ProviderSimulator first = simulators.start("first");
        ProviderSimulator second = simulators.start("second");
        node = TestNode.start(
                TestConfigs.builder()
                        .provider("first", first.baseUrl(), "first-key-0001")
                        .provider("second", second.baseUrl(), "second-key-001")
                        .model("duo", "first", 60, TestConfigs.rpm(1))
                        .model("duo", "second", 50)
                        .build(),
                clock);
        client = node.client();
    }

    @AfterAll
    void stop() {
        node.close();
        simulators.close();
    }

    private String routedVia(ChatCompletionCreateParams params) {
        return client.chat()
                .completions()
                .withRawResponse()
                .create(params)
                .headers()
                .values("X-Routed-Via")
                .get(0);
    }

    private static ChatCompletionCreateParams opening(String question) {
        return ChatCompletionCreateParams.builder()
                .model("duo")
                .addUserMessage(question)
                .build();
    }

    private static ChatCompletionCreateParams followUp(String question) {
        return ChatCompletionCreateParams.builder()
                .model("duo")
                .addUserMessage(question)
                .addAssistantMessage("an answer")
                .addUserMessage("and then?")
                .build();
    }

    @Test
    void a_conversation_stays_on_its_model_until_the_pin_expires() {
        assertThat(routedVia(opening("warm-up"))).isEqualTo("first/duo");
        assertThat(routedVia(opening("conversation A")))
                .as("first is at its limit")
                .isEqualTo("second/duo");

        clock.advance(Duration.ofSeconds(60));
        assertThat(routedVia(followUp("conversation A"))).as("pinned").isEqualTo("second/duo");
        assertThat(routedVia(opening("conversation B")))
                .as("a new conversation ranks by score")
                .isEqualTo("first/duo");

        clock.advance(Duration.ofMinutes(31));
        assertThat(routedVia(followUp("conversation A"))).as("pin expired").isEqualTo("first/duo");
    }
}
