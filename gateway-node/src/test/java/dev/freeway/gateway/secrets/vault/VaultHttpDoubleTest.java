package dev.freeway.gateway.secrets.vault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.freeway.gateway.config.KeyConfig;
import dev.freeway.gateway.testing.MutableClock;
import dev.freeway.gateway.testing.VaultHttpDouble;
import dev.freeway.gateway.testing.VaultHttpDouble.Endpoint;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The double answers like Vault's API docs say, so tests against it mean something. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class VaultHttpDoubleTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
    private final VaultHttpDouble vault = new VaultHttpDouble(clock);
    private final String token = vault.issueToken();

    @AfterEach
    void close() {
        vault.close();
    }

    @Test
    void lists_children_with_method_LIST_and_with_list_true_folders_ending_in_a_slash() throws Exception {
        vault.putKeys("groq", List.of("gsk_1"));
        vault.put("freeway/providers/extra/deeper", Map.of("keys", List.of()));

        for (HttpResponse<String> response : List.of(
                send("LIST", "/v1/secret/metadata/freeway/providers", token, null),
                send("GET", "/v1/secret/metadata/freeway/providers?list=true", token, null))) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response).getJsonObject("data").getJsonArray("keys").getList())
                    .containsExactly("extra/", "groq");
        }
        assertThat(vault.requests(Endpoint.KV_LIST)).isEqualTo(2);
        assertThat(send("LIST", "/v1/secret/metadata/freeway/nothing", token, null)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void reads_data_data_and_data_metadata_version_and_each_write_adds_a_version() throws Exception {
        vault.putKeys("groq", List.of("gsk_1"));
        vault.putKeys("groq", List.of("gsk_2", new KeyConfig("gsk_3", null, "p")));

        JsonObject data = json(send("GET", "/v1/secret/data/freeway/providers/groq", token, null))
                .getJsonObject("data");

        assertThat(data.getJsonObject("metadata").getInteger("version")).isEqualTo(2);
        assertThat(data.getJsonObject("data").getJsonArray("keys").encode())
                .isEqualTo("[\"gsk_2\",{\"value\":\"gsk_3\",\"project\":\"p\"}]");

        HttpResponse<String> written =
                send("POST", "/v1/secret/data/freeway/providers/groq", token, "{\"data\":{\"keys\":[\"gsk_4\"]}}");
        assertThat(json(written).getJsonObject("data").getInteger("version")).isEqualTo(3);
    }

    @Test
    void a_soft_deleted_latest_version_reads_404_and_a_metadata_delete_removes_the_secret() throws Exception {
        vault.putKeys("groq", List.of("gsk_1"));
        assertThat(send("DELETE", "/v1/secret/data/freeway/providers/groq", token, null)
                        .statusCode())
                .isEqualTo(204);
        assertThat(send("GET", "/v1/secret/data/freeway/providers/groq", token, null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(send("LIST", "/v1/secret/metadata/freeway/providers", token, null)
                        .statusCode())
                .as("metadata survives a soft delete")
                .isEqualTo(200);

        send("DELETE", "/v1/secret/metadata/freeway/providers/groq", token, null);
        assertThat(send("LIST", "/v1/secret/metadata/freeway/providers", token, null)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void an_unknown_or_expired_token_gets_403_permission_denied() throws Exception {
        vault.putKeys("groq", List.of("gsk_1"));
        HttpResponse<String> unknown = send("GET", "/v1/secret/data/freeway/providers/groq", "hvs.other", null);
        assertThat(unknown.statusCode()).isEqualTo(403);
        assertThat(unknown.body()).isEqualTo("{\"errors\":[\"permission denied\"]}");

        clock.advance(Duration.ofHours(2));
        assertThat(send("GET", "/v1/secret/data/freeway/providers/groq", token, null)
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void renew_self_extends_by_the_ttl_but_never_past_the_max_ttl() throws Exception {
        vault.tokenTtl(Duration.ofMinutes(30), Duration.ofMinutes(40));
        String shortLived = vault.issueToken();

        clock.advance(Duration.ofMinutes(20));
        JsonObject renewed = json(send("POST", "/v1/auth/token/renew-self", shortLived, null));
        assertThat(renewed.getJsonObject("auth").getLong("lease_duration")).isEqualTo(20 * 60);
        assertThat(renewed.getJsonObject("auth").getString("client_token")).isEqualTo(shortLived);

        JsonObject looked = json(send("GET", "/v1/auth/token/lookup-self", shortLived, null));
        assertThat(looked.getJsonObject("data").getLong("ttl")).isEqualTo(20 * 60);
        assertThat(looked.getJsonObject("data").getLong("creation_ttl")).isEqualTo(30 * 60);
    }

    @Test
    void logins_check_their_credentials() throws Exception {
        vault.enableAppRole("approle", "role-1", "secret-1").enableKubernetes("kubernetes", "freeway", "jwt-1");

        assertThat(send("POST", "/v1/auth/approle/login", null, "{\"role_id\":\"role-1\",\"secret_id\":\"nope\"}")
                        .statusCode())
                .isEqualTo(400);
        JsonObject login = json(
                send("POST", "/v1/auth/approle/login", null, "{\"role_id\":\"role-1\",\"secret_id\":\"secret-1\"}"));
        assertThat(login.getJsonObject("auth").getString("client_token")).startsWith("hvs.");
        assertThat(login.getJsonObject("auth").getLong("lease_duration")).isEqualTo(3600);

        assertThat(send("POST", "/v1/auth/kubernetes/login", null, "{\"role\":\"freeway\",\"jwt\":\"jwt-2\"}")
                        .statusCode())
                .isEqualTo(403);
        vault.expectJwt("jwt-2");
        assertThat(send("POST", "/v1/auth/kubernetes/login", null, "{\"role\":\"freeway\",\"jwt\":\"jwt-2\"}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(vault.requests(Endpoint.KUBERNETES_LOGIN)).isEqualTo(2);
    }

    @Test
    void failures_are_injected_per_endpoint_and_stop_start_keeps_the_port() throws Exception {
        vault.putKeys("groq", List.of("gsk_1"));
        vault.failNext(Endpoint.KV_READ, 503, 1, "{\"errors\":[\"sealed\"]}");
        assertThat(send("LIST", "/v1/secret/metadata/freeway/providers", token, null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(send("GET", "/v1/secret/data/freeway/providers/groq", token, null)
                        .statusCode())
                .isEqualTo(503);
        assertThat(send("GET", "/v1/secret/data/freeway/providers/groq", token, null)
                        .statusCode())
                .isEqualTo(200);

        String address = vault.address();
        vault.stop();
        vault.start();
        assertThat(vault.address()).isEqualTo(address);
        assertThat(send("GET", "/v1/secret/data/freeway/providers/groq", token, null)
                        .statusCode())
                .isEqualTo(200);
    }

    private HttpResponse<String> send(String method, String path, String vaultToken, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(vault.address() + path))
                .timeout(Duration.ofSeconds(5))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (vaultToken != null) {
            request.header("X-Vault-Token", vaultToken);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> response) {
        return new JsonObject(response.body());
    }
}
