package dev.freeway.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.freeway.gateway.config.KeyConfig;
import dev.freeway.gateway.config.LocalStoreConfig;
import dev.freeway.gateway.metrics.GatewayMetrics;
import dev.freeway.gateway.metrics.MetricsEndpoint;
import dev.freeway.gateway.secrets.KeySnapshot;
import dev.freeway.gateway.secrets.local.KeyStoreAdmin;
import dev.freeway.gateway.secrets.local.LocalKeySource;
import dev.freeway.gateway.secrets.local.MasterKey;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AdminRouterTest {
    private static final String ADMIN_TOKEN = "admin-token-5f1d8c2b9e7a4306";
    private static final String CLIENT_KEY = "sk-freeway-local-dev";
    private static final String GROQ_KEY = "gsk_live_8d2f4b6a1c9e3f7a5b0d2c4e6fabcd";
    private static final String OTHER_KEY = "gsk_live_1a3c5e7f9b2d4f6a8c0e1b3d5f1111";
    private static final KeySnapshot SERVING =
            new KeySnapshot(Map.of("groq", List.of(new KeyConfig(GROQ_KEY, null, null))), "vault:groq@4");

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> bodies = new ArrayList<>();

    @TempDir
    Path dir;

    private HttpServer server;

    @AfterEach
    void noResponseEverCarriedAKey() {
        for (String body : bodies) {
            for (String key : List.of(GROQ_KEY, OTHER_KEY)) {
                for (int i = 0; i + 8 <= key.length(); i++) {
                    assertThat(body).doesNotContain(key.substring(i, i + 8));
                }
            }
        }
    }

    @Test
    void every_route_refuses_a_missing_or_wrong_token_and_a_data_plane_client_key(Vertx vertx) throws Exception {
        LocalKeySource store = localStore();
        start(vertx, store, KeySnapshot::empty);

        for (String authorization : List.of(
                "", "Bearer " + ADMIN_TOKEN + "x", "Bearer " + CLIENT_KEY, "Basic " + ADMIN_TOKEN, ADMIN_TOKEN)) {
            HttpResponse<String> list = send("GET", "/admin/keys", authorization, null);
            assertThat(list.statusCode()).as(authorization).isEqualTo(401);
            assertThat(error(list).getString("code")).isEqualTo("invalid_api_key");
            assertThat(error(list).getString("type")).isEqualTo("invalid_request_error");
        }
        assertThat(send("GET", "/admin/unknown", "", null).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/admin/keys/groq", "Bearer " + CLIENT_KEY, "{\"value\":\"" + GROQ_KEY + "\"}")
                        .statusCode())
                .isEqualTo(401);
        assertThat(send("DELETE", "/admin/keys/groq/0", "", null).statusCode()).isEqualTo(401);
        assertThat(store.list()).isEmpty();
    }

    @Test
    void adds_lists_and_removes_keys_showing_only_their_last_four_characters(Vertx vertx) throws Exception {
        LocalKeySource store = localStore();
        start(vertx, store, () -> SERVING);

        HttpResponse<String> added =
                admin("POST", "/admin/keys/groq", "{\"value\":\"" + GROQ_KEY + "\",\"project\":\"team-a\"}");
        admin("POST", "/admin/keys/groq", "{\"value\":\"" + OTHER_KEY + "\"}");

        assertThat(added.statusCode()).isEqualTo(201);
        JsonObject entry = new JsonObject(added.body());
        assertThat(entry.getString("provider")).isEqualTo("groq");
        assertThat(entry.getInteger("index")).isZero();
        assertThat(entry.getString("key")).isEqualTo("…abcd");
        assertThat(entry.getString("project")).isEqualTo("team-a");
        assertThat(entry.getString("added_at")).isNotBlank();

        HttpResponse<String> listed = admin("GET", "/admin/keys", null);
        assertThat(listed.statusCode()).isEqualTo(200);
        JsonObject listing = new JsonObject(listed.body());
        assertThat(listing.getBoolean("writable")).isTrue();
        assertThat(listing.getString("serving_version")).isEqualTo("vault:groq@4");
        assertThat(listing.getJsonObject("providers").getJsonArray("groq").stream()
                        .map(k -> ((JsonObject) k).getString("key")))
                .containsExactly("…abcd", "…1111");

        assertThat(admin("DELETE", "/admin/keys/groq/abcd", null).statusCode()).isEqualTo(204);
        assertThat(admin("DELETE", "/admin/keys/groq/abcd", null).statusCode()).isEqualTo(404);
        assertThat(error(admin("DELETE", "/admin/keys/groq/7", null)).getString("code"))
                .isEqualTo("key_not_found");
        assertThat(admin("DELETE", "/admin/keys/groq/0", null).statusCode()).isEqualTo(204);
        assertThat(store.list()).isEmpty();
    }

    @Test
    void refuses_bodies_that_are_not_one_well_formed_key(Vertx vertx) throws Exception {
        LocalKeySource store = localStore();
        start(vertx, store, KeySnapshot::empty);

        assertThat(admin("POST", "/admin/keys/groq", "not json").statusCode()).isEqualTo(400);
        assertThat(admin("POST", "/admin/keys/groq", "{\"key\":\"" + GROQ_KEY + "\"}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(admin("POST", "/admin/keys/groq", "{\"value\":\"" + GROQ_KEY + "\\r\\nX-Injected: 1\"}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(admin("POST", "/admin/keys/groq", "{\"value\":\"" + "a".repeat(20_000) + "\"}")
                        .statusCode())
                .isEqualTo(413);
        assertThat(store.list()).isEmpty();

        admin("POST", "/admin/keys/groq", "{\"value\":\"" + GROQ_KEY + "\"}");
        HttpResponse<String> duplicate = admin("POST", "/admin/keys/groq", "{\"value\":\"" + GROQ_KEY + "\"}");
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(error(duplicate).getString("code")).isEqualTo("key_exists");
    }

    @Test
    void a_read_only_source_is_listed_masked_and_refuses_writes_with_409(Vertx vertx) throws Exception {
        start(vertx, null, () -> SERVING);

        HttpResponse<String> listed = admin("GET", "/admin/keys", null);
        JsonObject listing = new JsonObject(listed.body());
        assertThat(listing.getBoolean("writable")).isFalse();
        assertThat(listing.getJsonObject("providers")
                        .getJsonArray("groq")
                        .getJsonObject(0)
                        .getString("key"))
                .isEqualTo("…abcd");

        HttpResponse<String> add = admin("POST", "/admin/keys/groq", "{\"value\":\"" + OTHER_KEY + "\"}");
        HttpResponse<String> remove = admin("DELETE", "/admin/keys/groq/0", null);

        for (HttpResponse<String> refused : List.of(add, remove)) {
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(error(refused).getString("type")).isEqualTo("invalid_request_error");
            assertThat(error(refused).getString("code")).isEqualTo("keys_managed_elsewhere");
            assertThat(error(refused).getString("message")).startsWith("keys are managed in Vault");
        }
    }

    @Test
    void a_store_that_cannot_be_opened_answers_503_with_the_reason(Vertx vertx) throws Exception {
        localStore().add("groq", KeyConfig.of(GROQ_KEY));
        LocalKeySource wrongKey = LocalKeySource.open(storeConfig(), Map.of(MasterKey.ENV, newMasterKey()));
        start(vertx, wrongKey, KeySnapshot::empty);

        HttpResponse<String> listed = admin("GET", "/admin/keys", null);

        assertThat(listed.statusCode()).isEqualTo(503);
        assertThat(error(listed).getString("message")).contains("cannot be opened with this master key");
    }

    private void start(Vertx vertx, KeyStoreAdmin store, Supplier<KeySnapshot> serving) throws Exception {
        server = vertx.createHttpServer()
                .requestHandler(new AdminRouter(
                                ADMIN_TOKEN,
                                store,
                                serving,
                                null,
                                null,
                                null,
                                null,
                                Clock.systemUTC(),
                                new MetricsEndpoint(new GatewayMetrics()))
                        .build(vertx))
                .listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    private HttpResponse<String> admin(String method, String path, String body)
            throws IOException, InterruptedException {
        return send(method, path, "Bearer " + ADMIN_TOKEN, body);
    }

    private HttpResponse<String> send(String method, String path, String authorization, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.actualPort() + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (!authorization.isEmpty()) {
            request.header("authorization", authorization);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        bodies.add(response.body());
        return response;
    }

    private static JsonObject error(HttpResponse<String> response) {
        return new JsonObject(response.body()).getJsonObject("error");
    }

    private LocalKeySource localStore() {
        return LocalKeySource.open(storeConfig(), Map.of(MasterKey.ENV, MASTER_KEY));
    }

    private LocalStoreConfig storeConfig() {
        return new LocalStoreConfig(
                dir.resolve("keys.enc").toString(), dir.resolve("master.key").toString(), null);
    }

    private static final String MASTER_KEY = newMasterKey();

    private static String newMasterKey() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }
}
