package dev.freeway.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.freeway.gateway.config.AdminConfig;
import dev.freeway.gateway.config.TeamConfig;
import dev.freeway.gateway.config.TeamLimitsConfig;
import dev.freeway.gateway.testing.MutableClock;
import dev.freeway.gateway.testing.RawHttp;
import dev.freeway.gateway.testing.Simulators;
import dev.freeway.gateway.testing.TestCluster;
import dev.freeway.gateway.testing.TestConfigs;
import dev.freeway.gateway.testing.TestNode;
import dev.freeway.loadtest.simulator.ProviderSimulator;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * Team settings changed through one node's admin API apply on every node: a raised quota keeps
 * what the team already used in the window, a team created at runtime can be given keys anywhere,
 * its data policy keeps it off providers that train on prompts, and a monthly spend cap moves it
 * from paid models to free ones.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TeamSettingsIT {
    private static final String ADMIN_TOKEN = "admin-token-for-team-settings-it-93d2";
    private static final String ALPHA_KEY = "sk-alpha-settings-key-0001";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final MutableClock clock = MutableClock.at("2026-11-23T10:00:10Z");
    private final Simulators simulators = new Simulators(clock);
    private TestCluster cluster;
    private TestNode node;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (node != null) {
            node.close();
        }
        simulators.close();
    }

    @Test
    void settings_put_on_one_node_apply_on_every_node() throws Exception {
        ProviderSimulator trainer = simulators.start("trainer");
        ProviderSimulator careful = simulators.start("careful");
        cluster = TestCluster.start(
                3,
                clock,
                config -> config.provider(
                                "trainer",
                                "openai",
                                trainer.baseUrl(),
                                p -> p.key("trainer-key-01").trainsOnPrompts("yes"))
                        .provider(
                                "careful",
                                "openai",
                                careful.baseUrl(),
                                p -> p.key("careful-key-01").trainsOnPrompts("no"))
                        .model("m", "trainer", 90)
                        .model("m", "careful", 10)
                        .team("alpha", new TeamConfig(1, new TeamLimitsConfig(4L, 0L, 0L), null), ALPHA_KEY)
                        .admin(new AdminConfig("127.0.0.1", 0, ADMIN_TOKEN)));
        List<TestNode> nodes = cluster.nodes();
        for (int i = 0; i < 3; i++) {
            assertThat(chat(nodes.get(i), ALPHA_KEY).statusCode()).isEqualTo(200);
        }

        HttpResponse<String> raised = admin(nodes.get(0), "PUT", "/admin/teams/alpha", "{\"limits\":{\"rpm\":6}}");
        assertThat(raised.statusCode()).isEqualTo(200);
        long revision = new JsonObject(raised.body()).getLong("revision");
        assertThat(new JsonObject(raised.body()).getString("source")).isEqualTo("admin");
        long sentAt = System.nanoTime();
        for (TestNode other : nodes) {
            await().atMost(Duration.ofSeconds(1))
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> new JsonObject(admin(other, "GET", "/admin/teams/alpha", null)
                                            .body())
                                    .getLong("revision")
                            == revision);
        }
        System.out.printf(
                "every node held the new settings %d ms after the PUT returned%n",
                (System.nanoTime() - sentAt) / 1_000_000);

        // Raised from 4 to 6 a minute with 3 used: 3 more, wherever they land, then the team's own 429.
        for (int i = 0; i < 3; i++) {
            assertThat(chat(nodes.get(i), ALPHA_KEY).statusCode()).isEqualTo(200);
        }
        for (TestNode other : nodes) {
            HttpResponse<String> refused = chat(other, ALPHA_KEY);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(RawHttp.error(refused).getString("code")).isEqualTo("team_quota_exceeded");
        }

        // A team created on one node gets a key on another, and its data policy keeps it off "trainer".
        assertThat(admin(nodes.get(2), "PUT", "/admin/teams/gamma", "{\"exclude_terms\":[\"trains_on_prompts:yes\"]}")
                        .statusCode())
                .isEqualTo(201);
        await().atMost(Duration.ofSeconds(1))
                .until(() -> admin(nodes.get(0), "POST", "/admin/teams/gamma/keys", null)
                                .statusCode()
                        == 201);
        HttpResponse<String> issued = admin(nodes.get(0), "POST", "/admin/teams/gamma/keys", null);
        String gammaKey = new JsonObject(issued.body()).getString("key");
        await().atMost(Duration.ofSeconds(1))
                .until(() -> chat(nodes.get(1), gammaKey).statusCode() == 200);
        long trainerBefore = trainer.stats().succeeded();
        for (TestNode other : nodes) {
            HttpResponse<String> served = chat(other, gammaKey);
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(served.headers().firstValue("x-routed-via")).hasValue("careful/m");
        }
        assertThat(trainer.stats().succeeded()).isEqualTo(trainerBefore);
        assertThat(new JsonObject(admin(nodes.get(1), "GET", "/admin/teams/gamma", null)
                                .body())
                        .getJsonArray("excluded_providers")
                        .getList())
                .containsExactly("trainer");
    }

    @Test
    void a_team_past_its_monthly_spend_cap_is_served_by_free_models_only() {
        ProviderSimulator paid = simulators.start("paid");
        ProviderSimulator free = simulators.start("free");
        node = TestNode.start(
                TestConfigs.builder()
                        .provider("paid", paid.baseUrl(), "paid-key-0001")
                        .provider("free", free.baseUrl(), "free-key-0001")
                        .pricedModel("m", "paid", 90, 1_000_000)
                        .model("m", "free", 10)
                        .pricedModel("premium", "paid", 90, 1_000_000)
                        .team("alpha", new TeamConfig(1, new TeamLimitsConfig(0L, 0L, 0L, 1.0), null), ALPHA_KEY)
                        .build(),
                clock);

        HttpResponse<String> first = chat(node, ALPHA_KEY);
        assertThat(first.headers().firstValue("x-routed-via")).hasValue("paid/m");

        // At a dollar a token the first answer passes the $1 cap; the node learns it within a flush and a refresh.
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> chat(node, ALPHA_KEY)
                        .headers()
                        .firstValue("x-routed-via")
                        .orElse("")
                        .equals("free/m"));
        HttpResponse<String> premium = RawHttp.post(
                node.baseUrl() + "/chat/completions",
                ALPHA_KEY,
                "{\"model\":\"premium\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(premium.statusCode()).isEqualTo(429);
        assertThat(RawHttp.error(premium).getString("code")).isEqualTo("team_quota_exceeded");
        assertThat(RawHttp.error(premium).getString("message")).contains("monthly spend cap");
        assertThat(premium.headers().firstValue("retry-after"))
                .as("seconds to 2026-12-01T00:00Z")
                .hasValue(String.valueOf(
                        Duration.ofDays(8).minusHours(10).minusSeconds(10).toSeconds()));
    }

    private static HttpResponse<String> chat(TestNode node, String key) {
        return RawHttp.post(
                node.baseUrl() + "/chat/completions",
                key,
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");
    }

    private static HttpResponse<String> admin(TestNode node, String method, String path, String body)
            throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.adminPort() + path))
                        .header("authorization", "Bearer " + ADMIN_TOKEN)
                        .header("content-type", "application/json")
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
