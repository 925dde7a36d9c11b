package dev.freeway.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.freeway.gateway.config.AdminConfig;
import dev.freeway.gateway.config.RoutingConfig;
import dev.freeway.gateway.config.TeamConfig;
import dev.freeway.gateway.testing.MutableClock;
import dev.freeway.gateway.testing.RawHttp;
import dev.freeway.gateway.testing.Simulators;
import dev.freeway.gateway.testing.TestConfigs;
import dev.freeway.gateway.testing.TestNode;
import dev.freeway.loadtest.simulator.FailureMode;
import dev.freeway.loadtest.simulator.ProviderSimulator;
import dev.freeway.loadtest.simulator.WindowCount;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Per-team usage against the upstream's own books: after successes, failovers, a client that hangs
 * up mid-stream and an upstream error, each team's {@code GET /v1/usage} matches, per provider key,
 * what the simulator admitted and the tokens it reported; a key never sees another team's usage.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class UsageIT {
    private static final String ALPHA_KEY = "sk-team-alpha-key-000001";
    private static final String BETA_KEY = "sk-team-beta-key-0000001";
    private static final String ADMIN_TOKEN = "adm-usage-token-0123456789abcdef";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final MutableClock clock = MutableClock.at("2026-11-23T01:00:00Z");
    private final Simulators simulators = new Simulators(clock);
    private ProviderSimulator flaky;
    private ProviderSimulator steady;
    private ProviderSimulator slow;
    private TestNode node;

    @BeforeAll
    void start() {
        flaky = simulators.start("flaky");
        steady = simulators.start("steady");
        slow = simulators.start("slow", options -> options.withStreamChunkInterval(Duration.ofMillis(500)));
        node = TestNode.start(
                TestConfigs.builder()
                        .timeouts(1_000, 2_000, 2_000)
                        .provider("flaky", flaky.baseUrl(), "flaky-key-0001")
                        .provider("steady", steady.baseUrl(), "steady-key-001")
                        .provider("slow", slow.baseUrl(), "slow-key-00001")
                        .model("m", "flaky", 90)
                        .model("m", "steady", 10)
                        .model("s", "slow", 50)
                        .routing(new RoutingConfig(null, null, null, null, 0, null, null, null))
                        .team("alpha", new TeamConfig(1, null, List.of("*")), ALPHA_KEY)
                        .team("beta", new TeamConfig(1, null, List.of("*")), BETA_KEY)
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
    void each_teams_usage_matches_what_the_upstreams_admitted_and_reported() throws Exception {
        // alpha: plain answers, a stream, and a failover past a 429 (which the upstream does not count)
        assertThat(chat(ALPHA_KEY, "m", false, "one").statusCode()).isEqualTo(200);
        assertThat(chat(ALPHA_KEY, "m", true, "two words").statusCode()).isEqualTo(200);
        flaky.failNext(FailureMode.ALWAYS_429, 1);
        assertThat(chat(ALPHA_KEY, "m", false, "after a 429").statusCode()).isEqualTo(200);
        Map<String, long[]> alphaUpstream = admittedByProvider();

        // beta: a failover past a 500, an upstream error that fails the request, a client that hangs up
        clock.advance(Duration.ofHours(1));
        assertThat(chat(BETA_KEY, "m", false, "beta one").statusCode()).isEqualTo(200);
        flaky.failNext(FailureMode.ERROR_500, 1);
        assertThat(chat(BETA_KEY, "m", false, "after a 500").statusCode()).isEqualTo(200);
        clock.advance(Duration.ofHours(1));
        flaky.failNext(FailureMode.BAD_REQUEST_400, 1);
        assertThat(chat(BETA_KEY, "m", false, "refused").statusCode()).isEqualTo(400);
        hangUpMidStream(BETA_KEY, "s");
        Map<String, long[]> betaUpstream = minus(admittedByProvider(), alphaUpstream);

        assertThat(flaky.stats().requestsByKey().get("flaky-key-0001"))
                .as("the upstream saw the refused attempts too")
                .isGreaterThan(alphaUpstream.get("flaky")[0] + betaUpstream.getOrDefault("flaky", new long[2])[0]);
        // The gateway counts a plain answer just after sending it, so a report may be a moment early.
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(totals(usage(ALPHA_KEY, ""))).isEqualTo(asMap(alphaUpstream)));
        // The hung-up stream was read to its end upstream, so its tokens count like any other answer.
        assertThat(betaUpstream.get("slow")[0]).isEqualTo(1);
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(totals(usage(BETA_KEY, ""))).isEqualTo(asMap(betaUpstream)));
    }

    @Test
    void a_key_sees_its_own_teams_usage_only() {
        assertThat(chat(ALPHA_KEY, "m", false, "mine").statusCode()).isEqualTo(200);

        JsonObject beta = usage(BETA_KEY, "?team=alpha");
        assertThat(beta.getString("team")).isEqualTo("beta");
        assertThat(beta.encode()).doesNotContain("alpha", "#", "flaky-key", "steady-key");
        assertThat(usage(ALPHA_KEY, "").getString("team")).isEqualTo("alpha");
        assertThat(usage(ALPHA_KEY, "?day=2026-11-22").getJsonArray("data")).isEmpty();
        assertThat(get(ALPHA_KEY, "?day=yesterday").statusCode()).isEqualTo(400);
        assertThat(get("sk-not-a-key-00000000001", "").statusCode()).isEqualTo(401);
    }

    @Test
    void the_admin_api_shows_every_teams_usage_and_a_team_key_cannot_read_it() throws Exception {
        assertThat(chat(ALPHA_KEY, "m", false, "admin view a").statusCode()).isEqualTo(200);
        assertThat(chat(BETA_KEY, "m", false, "admin view b").statusCode()).isEqualTo(200);
        String url = "http://127.0.0.1:" + node.adminPort() + "/admin/usage";

        await().atMost(Duration.ofSeconds(5)).until(() -> {
            JsonObject all = new JsonObject(adminGet(url, ADMIN_TOKEN).body());
            return all.getJsonArray("data").stream()
                    .map(row -> ((JsonObject) row).getString("team"))
                    .collect(Collectors.toSet())
                    .containsAll(List.of("alpha", "beta"));
        });
        assertThat(adminGet(url, ALPHA_KEY).statusCode()).isEqualTo(401);
        assertThat(adminGet(url, ADMIN_TOKEN).body()).doesNotContain("flaky-key", "steady-key", "#");
    }

    private static HttpResponse<String> adminGet(String url, String token) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> chat(String key, String model, boolean stream, String text) {
        return RawHttp.post(
                node.baseUrl() + "/chat/completions",
                key,
                "{\"model\":\"" + model + "\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\""
                        + text + "\"}]}");
    }

    private void hangUpMidStream(String key, String model) throws IOException {
        String body = "{\"model\":\"" + model + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"one two three four five six seven eight nine ten\"}]}";
        try (Socket socket = new Socket("127.0.0.1", node.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\n"
                            + "Authorization: Bearer " + key + "\r\n"
                            + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.startsWith("data: ")) {
                // headers and chunk sizes until the first event
            }
            assertThat(line).startsWith("data: ");
        }
    }

    /** Per provider: requests the simulator admitted and the prompt plus completion tokens it reported. */
    private Map<String, long[]> admittedByProvider() {
        Map<String, long[]> admitted = new HashMap<>();
        Map.of("flaky", flaky, "steady", steady, "slow", slow).forEach((name, sim) -> {
            long[] sum = new long[2];
            for (WindowCount window : sim.stats().minuteWindows()) {
                sum[0] += window.requests();
                sum[1] += window.tokens();
            }
            if (sum[0] > 0) {
                admitted.put(name, sum);
            }
        });
        return admitted;
    }

    private static Map<String, long[]> minus(Map<String, long[]> after, Map<String, long[]> before) {
        Map<String, long[]> delta = new HashMap<>();
        after.forEach((name, sum) -> {
            long[] earlier = before.getOrDefault(name, new long[2]);
            if (sum[0] > earlier[0]) {
                delta.put(name, new long[] {sum[0] - earlier[0], sum[1] - earlier[1]});
            }
        });
        return delta;
    }

    /** Per provider: requests, tokens, unmetered requests. */
    private static Map<String, List<Long>> asMap(Map<String, long[]> admitted) {
        Map<String, List<Long>> map = new HashMap<>();
        admitted.forEach((name, sum) -> map.put(name, List.of(sum[0], sum[1], 0L)));
        return map;
    }

    private static Map<String, List<Long>> totals(JsonObject usage) {
        Map<String, List<Long>> totals = new HashMap<>();
        JsonArray data = usage.getJsonArray("data");
        for (int i = 0; i < data.size(); i++) {
            JsonObject row = data.getJsonObject(i);
            assertThat(row.getString("model")).isIn("m", "s");
            assertThat(row.getString("day")).isEqualTo("2026-11-23");
            totals.put(
                    row.getString("provider"),
                    List.of(
                            row.getLong("requests"),
                            row.getLong("prompt_tokens") + row.getLong("completion_tokens"),
                            row.getLong("unmetered_requests")));
        }
        return totals;
    }

    private JsonObject usage(String key, String query) {
        HttpResponse<String> response = get(key, query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    private HttpResponse<String> get(String key, String query) {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(URI.create(node.baseUrl() + "/usage" + query))
                            .header("authorization", "Bearer " + key)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
