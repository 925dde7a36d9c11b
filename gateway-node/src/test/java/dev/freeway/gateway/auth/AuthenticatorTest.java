package dev.freeway.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.freeway.gateway.api.ErrorMapper;
import dev.freeway.gateway.config.ClientKeyConfig;
import dev.freeway.gateway.testing.InMemoryTable;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Through a real router and the error mapper: what a client sees for each kind of key. */
@ExtendWith(VertxExtension.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AuthenticatorTest {
    private static final String CONFIG_KEY = "sk-config-client-key-0001";

    private final HttpClient http = HttpClient.newHttpClient();
    private final InMemoryTable table = new InMemoryTable();
    private final IssuedKeys issued = new IssuedKeys(table, Clock.systemUTC());

    @Test
    void config_keys_and_issued_keys_both_authenticate_until_an_issued_key_is_revoked(Vertx vertx) throws Exception {
        int port = start(vertx);
        IssuedKeys.Issued key = issued.issue("beta").result();

        assertThat(call(port, "Bearer " + CONFIG_KEY).body()).isEqualTo("alpha");
        assertThat(call(port, "Bearer " + key.key()).body()).isEqualTo("beta");

        issued.revoke("beta", key.id()).result();

        assertThat(call(port, "Bearer " + key.key()).statusCode()).isEqualTo(401);
        assertThat(call(port, "Bearer " + CONFIG_KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void malformed_keys_are_answered_401_not_500(Vertx vertx) throws Exception {
        int port = start(vertx);
        issued.issue("beta").result();

        for (String authorization : List.of(
                "Bearer fw_live_",
                "Bearer fw_live__",
                "Bearer fw_live_0123456789abcdef",
                "Bearer fw_live_0123456789abcdef_",
                "Bearer fw_live_zzzzzzzzzzzzzzzz_x",
                "Bearer fw_live_" + "_".repeat(500),
                "Bearer %00",
                "Bearer",
                "Basic fw_live_0123456789abcdef_x",
                "")) {
            HttpResponse<String> response = call(port, authorization);
            assertThat(response.statusCode()).as(authorization).isEqualTo(401);
            assertThat(new JsonObject(response.body()).getJsonObject("error").getString("code"))
                    .isEqualTo("invalid_api_key");
        }
    }

    private int start(Vertx vertx) throws Exception {
        Authenticator authenticator =
                new Authenticator(ClientKeys.from(List.of(new ClientKeyConfig(CONFIG_KEY, null, "alpha"))), issued);
        Router router = Router.router(vertx);
        router.route().handler(authenticator::handle);
        router.route().handler(ctx -> ctx.end(ctx.<Team>get(Authenticator.TEAM).name()));
        router.route().failureHandler(ErrorMapper::handle);
        HttpServer server = vertx.createHttpServer()
                .requestHandler(router)
                .listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        return server.actualPort();
    }

    private HttpResponse<String> call(int port, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/models"));
        if (!authorization.isEmpty()) {
            request.header("authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
