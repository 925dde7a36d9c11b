package dev.freeway.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import dev.freeway.gateway.config.AdminConfig;
import dev.freeway.gateway.config.RoutingConfig;
import dev.freeway.gateway.testing.MutableClock;
import dev.freeway.gateway.testing.Simulators;
import dev.freeway.gateway.testing.TestConfigs;
import dev.freeway.gateway.testing.TestNode;
import dev.freeway.loadtest.simulator.ProviderSimulator;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * Scenario T17: canary keys through a run full of failures (a provider that echoes the key it
 * refuses, in a 401, a 400 passed to the client and a 500; failover; streams; bad client keys;
 * the model list, readiness and the admin API), then a scan of everything the node printed at
 * DEBUG through the production log layout, every response body, and every entry of its
 * Hazelcast maps: no canary and no 8-character piece of one may appear.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SecretLeakIT {
    private static final String ECHO_KEY = "sk-canary-echo-4f9a1c27e8b3d605";
    private static final String SIM_KEY = "sk-canary-sim-93b0d7a64e2f1c58";
    private static final String ADMIN_TOKEN = "adm-canary-token-5e8c2a91f47b3d06";
    private static final List<String> CANARIES = List.of(ECHO_KEY, SIM_KEY, ADMIN_TOKEN, TestConfigs.CLIENT_KEY);

    private final MutableClock clock = MutableClock.at("2026-11-23T10:00:00Z");
    private final Simulators simulators = new Simulators(clock);
    private final Vertx vertx = Vertx.vertx();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> bodies = new ArrayList<>();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private OutputStreamAppender<ILoggingEvent> capture;
    private Level rootLevel;
    private HttpServer echo;
    private TestNode node;

    /** A provider that repeats the key it was given in every error, as some real ones do. */
    private HttpServer startEcho() throws Exception {
        return vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> {
                    String key = request.getHeader("authorization");
                    String model = body.toJsonObject().getString("model");
                    int status = switch (model) {
                        case "refuses" -> 401;
                        case "rejects" -> 400;
                        default -> 500;
                    };
                    request.response()
                            .setStatusCode(status)
                            .putHeader("content-type", "application/json")
                            .end("{\"error\":{\"message\":\"Incorrect API key provided: " + key + " ("
                                    + key.substring(7) + ")\",\"type\":\"invalid_request_error\"}}");
                }))
                .listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
    }

    @BeforeAll
    void start() throws Exception {
        captureEverythingPrinted();
        echo = startEcho();
        ProviderSimulator sim = simulators.start("sim");
        node = TestNode.start(
                TestConfigs.builder()
                        .provider("echo", "http://127.0.0.1:" + echo.actualPort() + "/v1", ECHO_KEY)
                        .provider("sim", sim.baseUrl(), SIM_KEY)
                        .model("m", "echo", 90)
                        .model("m", "sim", 10)
                        .model("rejects", "echo", 50)
                        .model("crashes", "echo", 50)
                        .routing(new RoutingConfig(null, null, null, null, 0, null, null, null))
                        .admin(new AdminConfig("127.0.0.1", 0, ADMIN_TOKEN))
                        .build(),
                clock);
    }

    private void captureEverythingPrinted() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        OutputStreamAppender<ILoggingEvent> console = (OutputStreamAppender<ILoggingEvent>) root.getAppender("STDOUT");
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(((PatternLayoutEncoder) console.getEncoder()).getPattern());
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        capture = new OutputStreamAppender<>();
        capture.setContext(context);
        capture.setName("LEAK-SCAN");
        capture.setEncoder(encoder);
        capture.setOutputStream(printed);
        capture.start();
        root.addAppender(capture);
        rootLevel = root.getLevel();
        root.setLevel(Level.DEBUG);
    }

    @AfterAll
    void stop() {
        node.close();
        simulators.close();
        vertx.close();
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAppender(capture);
        root.setLevel(rootLevel);
    }

    private HttpResponse<String> send(String method, String url, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("content-type", "application/json");
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        bodies.add(response.body());
        return response;
    }

    private HttpResponse<String> chat(String model, boolean stream) throws Exception {
        return send(
                "POST",
                node.baseUrl() + "/chat/completions",
                TestConfigs.CLIENT_KEY,
                "{\"model\":\"" + model + "\",\"stream\":" + stream
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");
    }

    @Test
    void no_key_or_token_shows_in_logs_answers_or_shared_state_after_a_run_full_of_failures() throws Exception {
        assertThat(chat("m", false).statusCode()).isEqualTo(200);
        assertThat(chat("m", true).statusCode()).isEqualTo(200);
        assertThat(chat("rejects", false).statusCode()).isEqualTo(400);
        assertThat(chat("crashes", false).statusCode()).isEqualTo(502);
        assertThat(chat("crashes", true).statusCode()).isEqualTo(502);
        assertThat(send("POST", node.baseUrl() + "/chat/completions", "sk-wrong-" + SIM_KEY, "{}")
                        .statusCode())
                .isEqualTo(401);
        assertThat(send("GET", node.baseUrl() + "/models?all=true", TestConfigs.CLIENT_KEY, null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(send("GET", node.rootUrl() + "/health/ready", null, null).statusCode())
                .isEqualTo(200);
        String admin = "http://127.0.0.1:" + node.adminPort() + "/admin/keys";
        assertThat(send("GET", admin, ADMIN_TOKEN, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", admin, TestConfigs.CLIENT_KEY, null).statusCode())
                .isEqualTo(401);
        assertThat(send("POST", admin + "/echo", ADMIN_TOKEN, "{\"value\":\"" + ECHO_KEY + "\"}")
                        .statusCode())
                .isEqualTo(409);

        String everything = String.join("\n", bodies) + "\n" + printed.toString(StandardCharsets.UTF_8) + "\n"
                + node.sharedStateDump();

        assertThat(printed.toString(StandardCharsets.UTF_8))
                .as("the scan must have seen the failures it is about")
                .contains("attempt on echo/m failed");
        for (String canary : CANARIES) {
            for (int i = 0; i + 8 <= canary.length(); i++) {
                String piece = canary.substring(i, i + 8);
                assertThat(everything).as("a piece of a secret: %s", piece).doesNotContain(piece);
            }
        }
    }
}
