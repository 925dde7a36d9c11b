package dev.freeway.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.Hazelcast;
import com.openai.core.http.HttpResponseFor;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.freeway.gateway.config.LimitsConfig;
import dev.freeway.gateway.testing.MutableClock;
import dev.freeway.gateway.testing.Simulators;
import dev.freeway.gateway.testing.TestCluster;
import dev.freeway.gateway.testing.TestConfigs;
import dev.freeway.gateway.testing.TestNode;
import dev.freeway.loadtest.simulator.FailureMode;
import dev.freeway.loadtest.simulator.ProviderSimulator;
import dev.freeway.loadtest.simulator.WindowCount;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * Three gateway nodes, each its own Vert.x and Hazelcast member on 127.0.0.1-3, share one budget
 * per provider key, one penalty book and one set of sticky pins.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ClusterIT {
    private static final int R = 120;

    private final MutableClock clock = MutableClock.at("2026-11-23T10:00:05Z");
    private final Simulators simulators = new Simulators(clock);
    private TestCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
        simulators.close();
    }

    private ProviderSimulator startLimited() {
        ProviderSimulator limited = simulators.start("limited", options -> options.withRpm(R));
        cluster = TestCluster.start(
                3,
                clock,
                config -> config.provider("limited", limited.baseUrl(), "limited-key-01")
                        .model("shared", "limited", 90, TestConfigs.rpm(R)));
        return limited;
    }

    private static int send(TestNode node, String text) {
        try {
            HttpResponseFor<ChatCompletion> raw = node.client()
                    .chat()
                    .completions()
                    .withRawResponse()
                    .create(ChatCompletionCreateParams.builder()
                            .model("auto")
                            .addUserMessage(text)
                            .build());
            raw.parse();
            return raw.statusCode();
        } catch (RateLimitException e) {
            return 429;
        }
    }

    /** Sends {@code count} requests round-robin over the nodes from {@code threads} threads at once. */
    private int sendRoundRobin(int count, int threads) throws Exception {
        AtomicInteger served = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                TestNode node = cluster.node(i % 3);
                String text = "request " + i;
                sent.add(pool.submit(() -> {
                    if (send(node, text) == 200) {
                        served.incrementAndGet();
                    }
                }));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        return served.get();
    }

    /**
     * Concurrent requests reach the provider in a different order than Freeway admitted them, which
     * makes its rate-limit headers look like a little outside usage; that costs a few requests of
     * utilisation, never a 429.
     */
    @Test
    void three_nodes_offered_3R_send_at_most_R_and_at_least_95_percent_per_window_and_cause_no_429() throws Exception {
        ProviderSimulator limited = startLimited();

        sendRoundRobin(3 * R, 6);
        clock.advance(Duration.ofSeconds(60));
        sendRoundRobin(3 * R, 6);

        List<WindowCount> windows = limited.stats().minuteWindows();
        assertThat(windows).hasSize(2);
        for (WindowCount window : windows) {
            assertThat(window.requests()).isLessThanOrEqualTo(R).isGreaterThanOrEqualTo((long) Math.ceil(0.95 * R));
        }
        assertThat(limited.stats().rateLimited()).isZero();
    }

    /**
     * Tokens are reserved as the prompt estimate plus max_tokens and settled with the provider's
     * count, so the provider never sees more than its TPM while little of it goes unused.
     */
    @Test
    void three_nodes_keep_a_provider_tpm_limit_with_its_own_token_counts() throws Exception {
        int tpm = 3_000;
        ProviderSimulator limited = simulators.start("limited", options -> options.withTpm(tpm));
        cluster = TestCluster.start(
                3,
                clock,
                config -> config.provider("limited", limited.baseUrl(), "limited-key-01")
                        .model("shared", "limited", 90, new LimitsConfig(null, null, (long) tpm, null)));
        AtomicInteger served = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                TestNode node = cluster.node(i % 3);
                String text = "tell me about request number " + i;
                sent.add(pool.submit(() -> {
                    try {
                        node.client()
                                .chat()
                                .completions()
                                .create(ChatCompletionCreateParams.builder()
                                        .model("auto")
                                        .maxCompletionTokens(30)
                                        .addUserMessage(text)
                                        .build());
                        served.incrementAndGet();
                    } catch (RateLimitException poolExhausted) {
                        // the only provider is at its limit: the gateway's own 429, never the provider's
                    }
                }));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }

        WindowCount window = limited.stats().minuteWindows().get(0);
        assertThat(limited.stats().rateLimited()).isZero();
        assertThat(window.tokens()).isLessThanOrEqualTo(tpm).isGreaterThanOrEqualTo((long) (0.95 * tpm));
        assertThat(window.requests()).isEqualTo(served.get());
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(cluster.node(1).usageRecorded())
                        .as("the cluster's usage counters, from every node's flushes")
                        .containsExactly(window.requests(), window.tokens()));
    }

    @Test
    void a_crashed_node_loses_no_consumption_and_the_survivors_admit_exactly_the_rest() throws Exception {
        ProviderSimulator limited = startLimited();
        assertThat(sendRoundRobin(80, 1)).isEqualTo(80);

        cluster.node(2).crash();
        int servedAfter = 0;
        for (int i = 0; i < R; i++) {
            servedAfter += send(cluster.node(i % 2), "after " + i) == 200 ? 1 : 0;
        }

        assertThat(servedAfter).isEqualTo(R - 80);
        assertThat(limited.stats().rateLimited()).isZero();
    }

    @Test
    void usage_of_the_same_key_by_someone_else_is_read_from_the_provider_and_causes_no_429() throws Exception {
        ProviderSimulator limited = startLimited();
        sendDirectly(limited, 6);
        assertThat(sendRoundRobin(3, 1)).isEqualTo(3);
        sendDirectly(limited, 4);

        int served = 3 + sendRoundRobin(3 * R, 1);

        assertThat(limited.stats().rateLimited()).isZero();
        assertThat(served).as("Freeway used what the other client left").isEqualTo(R - 10);
    }

    /** Another client of the same provider key, calling the provider without Freeway. */
    private static void sendDirectly(ProviderSimulator simulator, int count) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < count; i++) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/chat/completions"))
                            .header("authorization", "Bearer limited-key-01")
                            .header("content-type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"model\":\"shared\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void a_penalty_taken_on_node_1_is_honoured_by_nodes_2_and_3() {
        ProviderSimulator flaky = simulators.start("flaky");
        ProviderSimulator steady = simulators.start("steady");
        cluster = TestCluster.start(
                3,
                clock,
                config -> config.provider("flaky", flaky.baseUrl(), "flaky-key-0001")
                        .provider("steady", steady.baseUrl(), "steady-key-001")
                        .model("shared", "flaky", 90)
                        .model("shared", "steady", 10));
        flaky.failNext(FailureMode.ALWAYS_429, 1);

        assertThat(send(cluster.node(0), "first")).isEqualTo(200);
        long before = flaky.stats().totalRequests();
        assertThat(send(cluster.node(1), "second")).isEqualTo(200);
        assertThat(send(cluster.node(2), "third")).isEqualTo(200);

        assertThat(flaky.stats().totalRequests())
                .as("the benched key is not called again")
                .isEqualTo(before);
        assertThat(steady.stats().totalRequests()).isEqualTo(3);
    }

    @Test
    void a_sticky_choice_made_on_node_1_is_honoured_by_nodes_2_and_3() {
        ProviderSimulator first = simulators.start("first");
        ProviderSimulator second = simulators.start("second");
        cluster = TestCluster.start(
                3,
                clock,
                config -> config.provider("first", first.baseUrl(), "first-key-00001")
                        .provider("second", second.baseUrl(), "second-key-0001")
                        .model("duo", "first", 60, TestConfigs.rpm(1))
                        .model("duo", "second", 50));
        assertThat(routedVia(cluster.node(0), "warm-up", false)).isEqualTo("first/duo");
        assertThat(routedVia(cluster.node(0), "conversation", true))
                .as("first is at its limit, so node 1 pins the conversation to second")
                .isEqualTo("second/duo");
        // The pin is written after the answer went out: the next request may only rely on it once written.
        await().atMost(Duration.ofSeconds(5))
                .until(() -> Hazelcast.getAllHazelcastInstances().stream()
                        .anyMatch(member -> !member.getMap("freeway-sticky").isEmpty()));
        clock.advance(Duration.ofSeconds(60));

        for (int node = 1; node < 3; node++) {
            assertThat(routedVia(cluster.node(node), "conversation", true)).isEqualTo("second/duo");
        }
        assertThat(routedVia(cluster.node(1), "another conversation", true))
                .as("first has capacity again")
                .isEqualTo("first/duo");
    }

    private static String routedVia(TestNode node, String opening, boolean followUp) {
        ChatCompletionCreateParams.Builder params =
                ChatCompletionCreateParams.builder().model("duo").addUserMessage(opening);
        if (followUp) {
            params.addAssistantMessage("an answer").addUserMessage("and then?");
        }
        return node.client()
                .chat()
                .completions()
                .withRawResponse()
                .create(params.build())
                .headers()
                .values("X-Routed-Via")
                .get(0);
    }
}
