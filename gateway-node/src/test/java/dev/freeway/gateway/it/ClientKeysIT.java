package dev.freeway.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.freeway.gateway.config.AdminConfig;
import dev.freeway.gateway.config.TeamConfig;
import dev.freeway.gateway.testing.MutableClock;
import dev.freeway.gateway.testing.Simulators;
import dev.freeway.gateway.testing.TestCluster;
import dev.freeway.gateway.testing.TestNode;
import dev.freeway.loadtest.simulator.ProviderSimulator;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * Client keys issued through one node's admin API are accepted on every node, and a revocation on
 * any node is refused everywhere within a second; the shared maps never hold the key itself.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ClientKeysIT {
    private static final String ADMIN_TOKEN = "admin-token-for-client-keys-it-7c41";
    private static final String ALPHA_CONFIG_KEY = "sk-alpha-config-key-0001";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final MutableClock clock = MutableClock.at("2026-11-23T10:00:00Z");
    private final Simulators simulators = new Simulators(clock);
    private TestCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
        simulators.close();
    }

    @Test
    void a_key_issued_on_one_node_works_everywhere_and_a_revocation_on_another_reaches_every_node() throws Exception {
        ProviderSimulator upstream = simulators.start("upstream");
        cluster = TestCluster.start(
                3,
                clock,
                config -> config.provider("upstream", upstream.baseUrl(), "upstream-key-01")
                        .model("m", "upstream", 90)
                        .team("alpha", new TeamConfig(null, null, null), ALPHA_CONFIG_KEY)
                        .admin(new AdminConfig("127.0.0.1", 0, ADMIN_TOKEN)));
        TestNode first = cluster.node(0);
        TestNode second = cluster.node(1);
        TestNode third = cluster.node(2);

        HttpResponse<String> created = admin(first, "POST", "/admin/teams/alpha/keys");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonObject issued = new JsonObject(created.body());
        String id = issued.getString("id");
        String key = issued.getString("key");
        assertThat(key).startsWith("fw_live_" + id + "_");

        // The other nodes learn of the key through the map's events: poll, do not assume.
        for (TestNode node : cluster.nodes()) {
            await().atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> models(node, key) == 200);
        }
        assertThat(models(second, key)).isEqualTo(200);
        assertThat(models(third, key)).isEqualTo(200);
        assertThat(admin(third, "GET", "/admin/teams/alpha/keys").body())
                .contains(id)
                .doesNotContain(key);

        long revokedAt = System.nanoTime();
        assertThat(admin(second, "DELETE", "/admin/teams/alpha/keys/" + id).statusCode())
                .isEqualTo(204);
        long slowestMillis = 0;
        for (TestNode node : cluster.nodes()) {
            await().atMost(Duration.ofSeconds(1))
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> models(node, key) == 401);
            long millis = (System.nanoTime() - revokedAt) / 1_000_000;
            System.out.printf(
                    "node on port %d refused the revoked key %d ms after DELETE was sent%n", node.port(), millis);
            slowestMillis = Math.max(slowestMillis, millis);
        }
        System.out.printf("slowest node refused the revoked key %d ms after DELETE was sent%n", slowestMillis);
        assertThat(slowestMillis).isLessThan(1_000);

        for (TestNode node : cluster.nodes()) {
            assertThat(models(node, key)).isEqualTo(401);
            // The config file's keys are untouched by runtime keys.
            assertThat(models(node, ALPHA_CONFIG_KEY)).isEqualTo(200);
            String dump = node.sharedStateDump();
            assertThat(dump).contains("freeway-client-keys " + id + "=");
            // The secret part is base64url, which has underscores of its own.
            String secret = key.substring(("fw_live_" + id + "_").length());
            assertThat(dump).doesNotContain(key).doesNotContain(secret.substring(0, secret.length() - 4));
        }
    }

    private static int models(TestNode node, String key) throws IOException, InterruptedException {
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create(node.baseUrl() + "/models"))
                                .header("authorization", "Bearer " + key)
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static HttpResponse<String> admin(TestNode node, String method, String path)
            throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.adminPort() + path))
                        .header("authorization", "Bearer " + ADMIN_TOKEN)
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
