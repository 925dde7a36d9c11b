package dev.freeway.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.freeway.gateway.testing.MutableClock;
import dev.freeway.gateway.testing.Simulators;
import dev.freeway.gateway.testing.TestConfigs;
import dev.freeway.gateway.testing.TestNode;
import dev.freeway.loadtest.simulator.ApiFormat;
import dev.freeway.loadtest.simulator.ProviderSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Cloudflare's API names the account in the URL: one base URL with {@code {account}} serves keys of
 * several accounts, each call going to its own key's account. Each key may serve one request per
 * minute, so consecutive requests walk the keys in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CloudflareAccountIT {
    private static final String MODEL = "@cf/meta/llama-3.1-8b-instruct";
    private static final String KEY_ONE = "cf-token-account-one-0001";
    private static final String KEY_TWO = "cf-token-account-two-0002";
    private static final String ACCOUNT_ONE = "0123456789abcdef0123456789abcdef";
    private static final String ACCOUNT_TWO = "fedcba9876543210fedcba9876543210";

    private final MutableClock clock = MutableClock.at("2026-11-23T10:00:00Z");
    private final Simulators simulators = new Simulators(clock);
    private ProviderSimulator cloudflare;
    private TestNode node;
    private OpenAIClient client;

    @BeforeAll
    void start() {
        cloudflare = simulators.start("cloudflare");
        assertThat(cloudflare.baseUrl(ApiFormat.CLOUDFLARE)).contains("{account}");
        node = TestNode.start(
                TestConfigs.builder()
                        .provider(
                                "cf",
                                "openai",
                                cloudflare.baseUrl(ApiFormat.CLOUDFLARE),
                                p -> p.accountKey(KEY_ONE, ACCOUNT_ONE).accountKey(KEY_TWO, ACCOUNT_TWO))
                        .model(MODEL, "cf", 50, TestConfigs.rpm(1))
                        .build(),
                clock);
        client = node.client();
    }

    /** A new minute: both keys have their one request back. */
    @BeforeEach
    void nextMinute() {
        clock.advance(Duration.ofMinutes(1));
    }

    @AfterAll
    void stop() {
        node.close();
        simulators.close();
    }

    private static ChatCompletionCreateParams ask(String text) {
        return ChatCompletionCreateParams.builder()
                .model(MODEL)
                .addUserMessage(text)
                .build();
    }

    private static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> delta = new HashMap<>();
        after.forEach((name, count) -> {
            long grown = count - before.getOrDefault(name, 0L);
            if (grown != 0) {
                delta.put(name, grown);
            }
        });
        return delta;
    }

    @Test
    void each_key_calls_the_url_of_its_own_account() {
        List<Map<String, Long>> accounts = new ArrayList<>();
        List<Map<String, Long>> keys = new ArrayList<>();
        for (String text : List.of("first", "second")) {
            Map<String, Long> accountsBefore = cloudflare.stats().requestsByAccount();
            Map<String, Long> keysBefore = cloudflare.stats().requestsByKey();
            HttpResponseFor<ChatCompletion> raw =
                    client.chat().completions().withRawResponse().create(ask(text));
            assertThat(raw.statusCode()).isEqualTo(200);
            assertThat(raw.parse().choices().get(0).message().content()).hasValue("Hello from cloudflare: " + text);
            accounts.add(minus(cloudflare.stats().requestsByAccount(), accountsBefore));
            keys.add(minus(cloudflare.stats().requestsByKey(), keysBefore));
        }

        assertThat(keys).containsExactly(Map.of(KEY_ONE, 1L), Map.of(KEY_TWO, 1L));
        assertThat(accounts).containsExactly(Map.of(ACCOUNT_ONE, 1L), Map.of(ACCOUNT_TWO, 1L));
        assertThat(cloudflare.stats().requestsByFormat().get(ApiFormat.OPENAI)).isZero();
    }

    @Test
    void an_answer_streams_normally_from_either_account() {
        Map<String, Long> before = cloudflare.stats().requestsByAccount();
        for (String text : List.of("stream one", "stream two")) {
            HttpResponseFor<StreamResponse<ChatCompletionChunk>> raw =
                    client.chat().completions().withRawResponse().createStreaming(ask(text));
            assertThat(raw.headers().values("X-Routed-Via")).containsExactly("cf/" + MODEL);
            StringBuilder content = new StringBuilder();
            List<String> finishes = new ArrayList<>();
            long chunks;
            try (StreamResponse<ChatCompletionChunk> stream = raw.parse()) {
                chunks = stream.stream()
                        .peek(chunk -> chunk.choices().forEach(choice -> {
                            choice.delta().content().ifPresent(content::append);
                            choice.finishReason().ifPresent(reason -> finishes.add(reason.asString()));
                        }))
                        .count();
            }
            assertThat(content.toString()).isEqualTo("Hello from cloudflare: " + text);
            assertThat(chunks).isGreaterThan(2);
            assertThat(finishes).containsExactly("stop");
        }

        assertThat(minus(cloudflare.stats().requestsByAccount(), before))
                .isEqualTo(Map.of(ACCOUNT_ONE, 1L, ACCOUNT_TWO, 1L));
    }
}
