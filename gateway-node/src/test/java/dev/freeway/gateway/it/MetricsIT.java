package dev.freeway.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.freeway.gateway.config.AdminConfig;
import dev.freeway.gateway.testing.MutableClock;
import dev.freeway.gateway.testing.RawHttp;
import dev.freeway.gateway.testing.Scrape;
import dev.freeway.gateway.testing.Simulators;
import dev.freeway.gateway.testing.TestConfigs;
import dev.freeway.gateway.testing.TestNode;
import dev.freeway.loadtest.simulator.FailureMode;
import dev.freeway.loadtest.simulator.ProviderSimulator;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /metrics} on the admin listener, scraped as Prometheus does (no token): after
 * answers of every kind (plain, streamed, refused key, unknown model) and a failover past a 429,
 * each counter holds exactly what happened, and the text holds no key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MetricsIT {
    private static final String ADMIN_TOKEN = "adm-metrics-token-0123456789abcdef";
    private static final String FLAKY_KEY = "flaky-key-0001";
    private static final String STEADY_KEY = "steady-key-001";

    private final MutableClock clock = MutableClock.at("2026-11-23T10:00:00Z");
    private final Simulators simulators = new Simulators(clock);
    private ProviderSimulator flaky;
    private TestNode node;

    @BeforeAll
    void start() {
        flaky = simulators.start("flaky");
        ProviderSimulator steady = simulators.start("steady");
        node = TestNode.start(
                TestConfigs.builder()
                        .provider("flaky", flaky.baseUrl(), FLAKY_KEY)
                        .provider("steady", steady.baseUrl(), STEADY_KEY)
                        .model("m", "flaky", 90)
                        .model("m", "steady", 10)
                        .admin(new AdminConfig("127.0.0.1", 0, ADMIN_TOKEN))
                        .build(),
                clock);
    }

    @AfterAll
    void stop() {
        node.close();
        simulators.close();
    }

    @Test
    void every_answer_and_upstream_attempt_is_counted_and_no_key_is_exposed() {
        assertThat(chat(TestConfigs.CLIENT_KEY, "m", false).statusCode()).isEqualTo(200);
        assertThat(chat(TestConfigs.CLIENT_KEY, "m", true).body()).contains("data: [DONE]");
        assertThat(chat("sk-not-a-key-00000000001", "m", false).statusCode()).isEqualTo(401);
        assertThat(chat(TestConfigs.CLIENT_KEY, "no-such-model", false).statusCode())
                .isEqualTo(404);
        flaky.failNext(FailureMode.ALWAYS_429, 1);
        HttpResponse<String> failedOver = chat(TestConfigs.CLIENT_KEY, "m", false);
        assertThat(failedOver.statusCode()).isEqualTo(200);
        assertThat(failedOver.headers().firstValue("x-routed-via")).hasValue("steady/m");

        HttpResponse<String> response = RawHttp.get(adminUrl("/metrics"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        Scrape scrape = new Scrape(response.body());
        assertThat(scrape.samples().stream().filter(line -> line.startsWith("freeway_")))
                .containsExactlyInAnyOrder(
                        "freeway_requests_total{status=\"200\",team=\"test\"} 3.0",
                        "freeway_requests_total{status=\"401\",team=\"\"} 1.0",
                        "freeway_requests_total{status=\"404\",team=\"test\"} 1.0",
                        "freeway_upstream_attempts_total{outcome=\"ok\",provider=\"flaky\"} 2.0",
                        "freeway_upstream_attempts_total{outcome=\"rate_limited\",provider=\"flaky\"} 1.0",
                        "freeway_upstream_attempts_total{outcome=\"failed\",provider=\"flaky\"} 0.0",
                        "freeway_upstream_attempts_total{outcome=\"rejected\",provider=\"flaky\"} 0.0",
                        "freeway_upstream_attempts_total{outcome=\"ok\",provider=\"steady\"} 1.0",
                        "freeway_upstream_attempts_total{outcome=\"rate_limited\",provider=\"steady\"} 0.0",
                        "freeway_upstream_attempts_total{outcome=\"failed\",provider=\"steady\"} 0.0",
                        "freeway_upstream_attempts_total{outcome=\"rejected\",provider=\"steady\"} 0.0",
                        "freeway_ledger_local_admissions_total 0.0",
                        "freeway_window_edge_holds_total 0.0",
                        "freeway_window_edge_readmissions_total 0.0",
                        "freeway_cluster_members 1.0");
        assertThat(response.body())
                .contains("jvm_memory_used_bytes", "process_uptime_seconds")
                .doesNotContain(TestConfigs.CLIENT_KEY, FLAKY_KEY, STEADY_KEY, ADMIN_TOKEN);
    }

    @Test
    void the_admin_api_itself_still_needs_the_token() {
        assertThat(RawHttp.get(adminUrl("/admin/keys")).statusCode()).isEqualTo(401);
    }

    private String adminUrl(String path) {
        return "http://127.0.0.1:" + node.adminPort() + path;
    }

    private HttpResponse<String> chat(String key, String model, boolean stream) {
        return RawHttp.post(
                node.baseUrl() + "/chat/completions",
                key,
                "{\"model\":\"" + model + "\",\"stream\":" + stream
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");
    }
}
