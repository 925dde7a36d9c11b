package dev.freeway.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.freeway.gateway.config.RoutingConfig;
import dev.freeway.gateway.testing.MutableClock;
import dev.freeway.gateway.testing.RawHttp;
import dev.freeway.gateway.testing.Simulators;
import dev.freeway.gateway.testing.TestConfigs;
import dev.freeway.gateway.testing.TestNode;
import dev.freeway.loadtest.simulator.FailureMode;
import dev.freeway.loadtest.simulator.ProviderSimulator;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every kind of upstream failure before the first byte reaches the client fails over to the next
 * candidate, for plain and streamed answers alike; the client only sees the fallback count.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FailoverIT {
    private final MutableClock clock = MutableClock.at("2026-11-23T10:00:00Z");
    private final Simulators simulators = new Simulators(clock);
    private ProviderSimulator flaky;
    private ProviderSimulator steady;
    private TestNode node;
    private OpenAIClient client;

    @BeforeAll
    void start() {
        flaky = simulators.start("flaky");
        steady = simulators.start("steady");
        node = TestNode.start(
                TestConfigs.builder()
                        .timeouts(1_000, 400, 400)
                        .provider("flaky", flaky.baseUrl(), "flaky-key-0001")
                        .provider("steady", steady.baseUrl(), "steady-key-001")
                        .model("m", "flaky", 90)
                        .model("m", "steady", 10)
                        .routing(new RoutingConfig(null, null, null, null, 0, null, null, null))
                        .build(),
                clock);
        client = node.client();
    }

    @BeforeEach
    void moveOnFromEarlierCooldowns() {
        clock.advance(Duration.ofHours(1));
        flaky.failureMode(FailureMode.NONE);
    }

    @AfterAll
    void stop() {
        node.close();
        simulators.close();
    }

    private static ChatCompletionCreateParams ask(String text) {
        return ChatCompletionCreateParams.builder()
                .model("m")
                .addUserMessage(text)
                .build();
    }

    @ParameterizedTest
    @EnumSource(
            value = FailureMode.class,
            names = {"ALWAYS_429", "ERROR_500", "ERROR_503", "RESET", "HANG", "MALFORMED"})
    void a_failed_attempt_moves_on_to_the_next_candidate(FailureMode mode) {
        flaky.failNext(mode, 1);
        HttpResponseFor<ChatCompletion> raw =
                client.chat().completions().withRawResponse().create(ask("plain " + mode));

        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.headers().values("X-Routed-Via")).containsExactly("steady/m");
        assertThat(raw.headers().values("X-Fallback-Attempts")).containsExactly("1");
        assertThat(raw.parse().choices().get(0).message().content()).hasValue("Hello from steady: plain " + mode);
    }

    @Test
    void a_stream_that_breaks_after_its_first_event_ends_with_an_error_event_not_a_silent_cut() {
        flaky.failNext(FailureMode.STREAM_CUT, 1);
        long steadyBefore = steady.stats().totalRequests();
        HttpResponse<String> response = RawHttp.post(
                node.baseUrl() + "/chat/completions",
                TestConfigs.CLIENT_KEY,
                "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"cut\"}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-routed-via")).hasValue("flaky/m");
        assertThat(response.body()).startsWith("data: {").doesNotContain("[DONE]");
        assertThat(response.body()).contains("\"code\":\"upstream_stream_broken\"");
        assertThat(steady.stats().totalRequests()).as("too late to fail over").isEqualTo(steadyBefore);
    }

    @ParameterizedTest
    @EnumSource(
            value = FailureMode.class,
            names = {"ALWAYS_429", "ERROR_500", "RESET", "HANG"})
    void a_stream_fails_over_while_nothing_has_reached_the_client(FailureMode mode) {
        flaky.failNext(mode, 1);
        HttpResponseFor<StreamResponse<ChatCompletionChunk>> raw =
                client.chat().completions().withRawResponse().createStreaming(ask("stream " + mode));

        assertThat(raw.headers().values("X-Routed-Via")).containsExactly("steady/m");
        assertThat(raw.headers().values("X-Fallback-Attempts")).containsExactly("1");
        StringBuilder text = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = raw.parse()) {
            stream.stream()
                    .forEach(c -> c.choices().forEach(ch -> ch.delta().content().ifPresent(text::append)));
        }
        assertThat(text.toString()).isEqualTo("Hello from steady: stream " + mode);
    }
}
