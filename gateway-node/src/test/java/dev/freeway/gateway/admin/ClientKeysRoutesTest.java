package dev.freeway.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.freeway.gateway.auth.IssuedKeys;
import dev.freeway.gateway.auth.Team;
import dev.freeway.gateway.config.TeamConfig;
import dev.freeway.gateway.metrics.GatewayMetrics;
import dev.freeway.gateway.metrics.MetricsEndpoint;
import dev.freeway.gateway.routing.TeamPolicy;
import dev.freeway.gateway.secrets.KeySnapshot;
import dev.freeway.gateway.testing.InMemoryTable;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ClientKeysRoutesTest {
    private static final String ADMIN_TOKEN = "admin-token-5f1d8c2b9e7a4306";

    private final HttpClient http = HttpClient.newHttpClient();
    private final InMemoryTable table = new InMemoryTable();
    private final IssuedKeys keys = new IssuedKeys(table, Clock.systemUTC());
    private int port;

    @Test
    void issues_a_key_shown_once_lists_it_masked_and_revokes_it(Vertx vertx) throws Exception {
        start(vertx, Set.of("alpha", "beta"));

        HttpResponse<String> created = send("POST", "/admin/teams/alpha/keys", ADMIN_TOKEN);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonObject body = new JsonObject(created.body());
        assertThat(body.fieldNames()).containsExactlyInAnyOrder("id", "key", "team", "created_at");
        String id = body.getString("id");
        String key = body.getString("key");
        assertThat(key).startsWith("fw_live_" + id + "_");
        assertThat(body.getString("team")).isEqualTo("alpha");
        assertThat(keys.authenticate(key)).contains(new Team("alpha"));

        HttpResponse<String> listed = send("GET", "/admin/teams/alpha/keys", ADMIN_TOKEN);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).doesNotContain(key.substring(key.length() - 8));
        JsonArray entries = new JsonObject(listed.body()).getJsonArray("keys");
        assertThat(entries).hasSize(1);
        JsonObject entry = entries.getJsonObject(0);
        assertThat(entry.getString("id")).isEqualTo(id);
        assertThat(entry.getString("created_at")).isEqualTo(body.getString("created_at"));
        assertThat(entry.getBoolean("revoked")).isFalse();
        assertThat(entry.getString("last4")).isEqualTo(key.substring(key.length() - 4));
        assertThat(new JsonObject(send("GET", "/admin/teams/beta/keys", ADMIN_TOKEN)
                                .body())
                        .getJsonArray("keys"))
                .isEmpty();

        assertThat(send("DELETE", "/admin/teams/beta/keys/" + id, ADMIN_TOKEN).statusCode())
                .isEqualTo(404);
        assertThat(keys.authenticate(key)).isPresent();
        assertThat(send("DELETE", "/admin/teams/alpha/keys/" + id, ADMIN_TOKEN).statusCode())
                .isEqualTo(204);
        assertThat(keys.authenticate(key)).isEmpty();
        assertThat(new JsonObject(send("GET", "/admin/teams/alpha/keys", ADMIN_TOKEN)
                                .body())
                        .getJsonArray("keys")
                        .getJsonObject(0)
                        .getBoolean("revoked"))
                .isTrue();
    }

    @Test
    void an_unknown_key_id_is_404(Vertx vertx) throws Exception {
        start(vertx, Set.of("alpha"));

        for (String id : new String[] {"0123456789abcdef", "nothex", "0123456789ABCDEF"}) {
            HttpResponse<String> response = send("DELETE", "/admin/teams/alpha/keys/" + id, ADMIN_TOKEN);
            assertThat(response.statusCode()).as(id).isEqualTo(404);
            assertThat(code(response)).isEqualTo("key_not_found");
        }
    }

    @Test
    void a_team_missing_from_the_configuration_is_404_on_every_route(Vertx vertx) throws Exception {
        start(vertx, Set.of("alpha"));

        for (String[] route : new String[][] {
            {"POST", "/admin/teams/gamma/keys"},
            {"GET", "/admin/teams/gamma/keys"},
            {"DELETE", "/admin/teams/gamma/keys/0123456789abcdef"}
        }) {
            HttpResponse<String> response = send(route[0], route[1], ADMIN_TOKEN);
            assertThat(response.statusCode()).as(route[0]).isEqualTo(404);
            assertThat(code(response)).isEqualTo("team_not_found");
        }
        assertThat(table.dump()).isEqualTo("{}");
    }

    @Test
    void without_configured_teams_any_plain_team_name_is_accepted(Vertx vertx) throws Exception {
        start(vertx, Set.of());

        assertThat(send("POST", "/admin/teams/anyone/keys", ADMIN_TOKEN).statusCode())
                .isEqualTo(201);
        assertThat(code(send("POST", "/admin/teams/a%0Ab/keys", ADMIN_TOKEN))).isEqualTo("team_not_found");
    }

    @Test
    void every_route_needs_the_admin_token(Vertx vertx) throws Exception {
        start(vertx, Set.of("alpha"));
        String key = keys.issue("alpha").result().key();

        assertThat(send("POST", "/admin/teams/alpha/keys", "wrong").statusCode())
                .isEqualTo(401);
        assertThat(send("GET", "/admin/teams/alpha/keys", key).statusCode()).isEqualTo(401);
        assertThat(send("DELETE", "/admin/teams/alpha/keys/0123456789abcdef", null)
                        .statusCode())
                .isEqualTo(401);
        assertThat(keys.list("alpha")).hasSize(1);
    }

    private void start(Vertx vertx, Set<String> teams) throws Exception {
        HttpServer server = vertx.createHttpServer()
                .requestHandler(new AdminRouter(
                                ADMIN_TOKEN,
                                null,
                                KeySnapshot::empty,
                                keys,
                                new TeamPolicy(
                                        teams.stream()
                                                .collect(Collectors.toMap(
                                                        t -> t, t -> new TeamConfig(null, null, null))),
                                        Map.of()),
                                new InMemoryTable(),
                                null,
                                Clock.systemUTC(),
                                new MetricsEndpoint(new GatewayMetrics()))
                        .build(vertx))
                .listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        port = server.actualPort();
    }

    private HttpResponse<String> send(String method, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String code(HttpResponse<String> response) {
        return new JsonObject(response.body()).getJsonObject("error").getString("code");
    }
}
