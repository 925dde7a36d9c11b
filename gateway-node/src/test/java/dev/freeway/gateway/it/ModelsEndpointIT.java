package dev.freeway.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.models.models.Model;
import com.openai.models.models.ModelListPage;
import dev.freeway.gateway.testing.MutableClock;
import dev.freeway.gateway.testing.RawHttp;
import dev.freeway.gateway.testing.Simulators;
import dev.freeway.gateway.testing.TestConfigs;
import dev.freeway.gateway.testing.TestNode;
import dev.freeway.loadtest.simulator.ProviderSimulator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /v1/models} keeps OpenAI's list shape, so SDKs read it as they read OpenAI's, and adds
 * per model what a client choosing one wants to know: whether it serves, its context window, and
 * per provider the keys, capabilities, output limit and what is left of each limited window. It
 * never shows a provider key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ModelsEndpointIT {
    private static final int RPM = 5;
    private static final int RPD = 100;
    private static final String ALPHA_KEY_1 = "alpha-provider-key-Q7zX";
    private static final String ALPHA_KEY_2 = "alpha-provider-key-W3rT";
    private static final String BETA_KEY = "beta-provider-key-J9kL";
    private static final String PROJECT_RPM_KEY_1 = "gg-project-one-key-0001";
    private static final String PROJECT_RPM_KEY_2 = "gg-project-one-key-0002";
    private static final String PROJECT_RPM_KEY_3 = "gg-project-two-key-0003";
    private static final int PROJECT_RPM = 3;
    private static final List<String> PROVIDER_KEYS =
            List.of(ALPHA_KEY_1, ALPHA_KEY_2, BETA_KEY, PROJECT_RPM_KEY_1, PROJECT_RPM_KEY_2, PROJECT_RPM_KEY_3);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final MutableClock clock = MutableClock.at("2026-11-23T10:00:00Z");
    private final Simulators simulators = new Simulators(clock);
    private ProviderSimulator alpha;
    private ProviderSimulator beta;
    private ProviderSimulator google;
    private TestNode node;
    private OpenAIClient client;

    @BeforeAll
    void start() {
        alpha = simulators.start("alpha");
        beta = simulators.start("beta");
        google = simulators.start("google");
        node = TestNode.start(
                TestConfigs.builder()
                        .provider("alpha", alpha.baseUrl(), ALPHA_KEY_1, ALPHA_KEY_2)
                        .provider("beta", beta.baseUrl(), BETA_KEY)
                        .provider("keyless", "openai", "http://127.0.0.1:9/v1", List.of())
                        .model("chat", "alpha", 60, TestConfigs.limits(0, 0, 0, 0), 4096)
                        .model("chat", "beta", 40, TestConfigs.limits(RPM, RPD, 0, 0), 2048)
                        .model("ghost", "keyless", 50)
                        .provider(
                                "gg",
                                "openai",
                                google.baseUrl(),
                                p -> p.limitScope("project_model")
                                        .projectKey(PROJECT_RPM_KEY_1, "one")
                                        .projectKey(PROJECT_RPM_KEY_2, "one")
                                        .projectKey(PROJECT_RPM_KEY_3, "two"))
                        .model("gg-model", "gg", 50, TestConfigs.rpm(PROJECT_RPM))
                        .build(),
                clock);
        client = node.client();
    }

    /** Each test starts on a day of its own, so every window it reads is untouched. */
    @BeforeEach
    void nextDay() {
        clock.set(clock.instant()
                .truncatedTo(ChronoUnit.DAYS)
                .plus(Duration.ofDays(1))
                .plus(Duration.ofHours(10)));
    }

    @AfterAll
    void stop() {
        node.close();
        simulators.close();
    }

    private HttpResponse<String> models(String query) {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(URI.create(node.baseUrl() + "/models" + query))
                            .header("authorization", "Bearer " + TestConfigs.CLIENT_KEY)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonObject list(String query) {
        HttpResponse<String> response = models(query);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        return new JsonObject(response.body());
    }

    private static Map<String, JsonObject> byId(JsonObject list) {
        return list.getJsonArray("data").stream()
                .map(JsonObject.class::cast)
                .collect(Collectors.toMap(m -> m.getString("id"), m -> m));
    }

    private static Map<String, JsonObject> providersOf(JsonObject model) {
        return model.getJsonArray("providers").stream()
                .map(JsonObject.class::cast)
                .collect(Collectors.toMap(p -> p.getString("id"), p -> p));
    }

    private void serve(String model, int requests) {
        for (int i = 0; i < requests; i++) {
            HttpResponse<String> answer = RawHttp.post(
                    node.baseUrl() + "/chat/completions",
                    TestConfigs.CLIENT_KEY,
                    "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi " + i + "\"}]}");
            assertThat(answer.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void keeps_openais_list_shape_with_auto_first() {
        JsonObject list = list("");

        assertThat(list.getString("object")).isEqualTo("list");
        JsonArray data = list.getJsonArray("data");
        assertThat(data.getJsonObject(0).getString("id")).isEqualTo("auto");
        assertThat(data.stream().map(JsonObject.class::cast)).allSatisfy(model -> {
            assertThat(model.getString("id")).isNotBlank();
            assertThat(model.getString("object")).isEqualTo("model");
            assertThat(model.getLong("created")).isPositive();
            assertThat(model.getString("owned_by")).isNotBlank();
        });
        assertThat(byId(list).keySet()).containsExactlyInAnyOrder("auto", "chat", "gg-model");
    }

    @Test
    void describes_each_model_and_each_provider_serving_it() {
        JsonObject chat = byId(list("")).get("chat");

        assertThat(chat.getBoolean("enabled")).isTrue();
        assertThat(chat.getInteger("context_window")).isEqualTo(131_072);
        Map<String, JsonObject> providers = providersOf(chat);
        assertThat(providers.keySet()).containsExactlyInAnyOrder("alpha/chat", "beta/chat");
        JsonObject alphaChat = providers.get("alpha/chat");
        assertThat(alphaChat.getInteger("keys")).isEqualTo(2);
        assertThat(alphaChat.getInteger("max_output_tokens")).isEqualTo(4096);
        assertThat(alphaChat.getJsonObject("capabilities").fieldNames())
                .contains("tools", "json", "vision", "streaming");
        assertThat(alphaChat.containsKey("remaining")).as("unlimited").isFalse();
        JsonObject betaChat = providers.get("beta/chat");
        assertThat(betaChat.getInteger("keys")).isEqualTo(1);
        assertThat(betaChat.getInteger("max_output_tokens")).isEqualTo(2048);
        assertThat(betaChat.getJsonObject("remaining").getMap())
                .isEqualTo(Map.of("requests_per_minute", RPM, "requests_per_day", RPD));
    }

    @Test
    void the_sdk_reads_the_list_and_sees_the_extra_fields() {
        ModelListPage page = client.models().list();

        List<Model> models = page.data();
        assertThat(models).extracting(Model::id).containsExactly("auto", "chat", "gg-model");
        Model chat = models.get(1);
        assertThat(chat.ownedBy()).isNotBlank();
        assertThat(chat.created()).isPositive();
        Map<String, JsonValue> extra = chat._additionalProperties();
        Optional<Boolean> enabled = extra.get("enabled").asBoolean();
        Optional<Number> contextWindow = extra.get("context_window").asNumber();
        Optional<List<JsonValue>> providers = extra.get("providers").asArray();
        assertThat(enabled).hasValue(true);
        assertThat(contextWindow.map(Number::intValue)).hasValue(131_072);
        assertThat(providers.map(List::size)).hasValue(2);
    }

    @Test
    void remaining_drops_as_requests_are_served_and_refills_with_the_next_minute() {
        serve("beta/chat", 3);

        JsonObject remaining =
                providersOf(byId(list("")).get("chat")).get("beta/chat").getJsonObject("remaining");
        assertThat(remaining.getMap()).isEqualTo(Map.of("requests_per_minute", RPM - 3, "requests_per_day", RPD - 3));
        assertThat(beta.stats().requestsByKey()).containsKey(BETA_KEY);

        clock.advance(Duration.ofSeconds(61));
        remaining = providersOf(byId(list("")).get("chat")).get("beta/chat").getJsonObject("remaining");
        assertThat(remaining.getMap())
                .as("a new minute, the same day")
                .isEqualTo(Map.of("requests_per_minute", RPM, "requests_per_day", RPD - 3));
    }

    @Test
    void remaining_counts_a_project_shared_by_several_keys_once() {
        long before = google.stats().totalRequests();
        JsonObject remaining =
                providersOf(byId(list("")).get("gg-model")).get("gg/gg-model").getJsonObject("remaining");
        long shown = remaining.getLong("requests_per_minute");

        int served = 0;
        while (served <= 3 * PROJECT_RPM && servedOnce("gg-model")) {
            served++;
        }

        assertThat(served).as("what the gateway admits: two projects").isEqualTo(2 * PROJECT_RPM);
        assertThat(google.stats().totalRequests() - before).isEqualTo(served);
        assertThat(shown).as("what /v1/models promised").isEqualTo(served);
    }

    private boolean servedOnce(String model) {
        return RawHttp.post(
                                node.baseUrl() + "/chat/completions",
                                TestConfigs.CLIENT_KEY,
                                "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                        .statusCode()
                == 200;
    }

    @Test
    void a_model_without_a_key_shows_only_when_all_are_asked_for_with_the_reason() {
        assertThat(byId(list(""))).doesNotContainKey("ghost");

        JsonObject ghost = byId(list("?all=true")).get("ghost");

        assertThat(ghost).isNotNull();
        assertThat(ghost.getString("object")).isEqualTo("model");
        assertThat(ghost.getBoolean("enabled")).isFalse();
        JsonObject keyless = providersOf(ghost).get("keyless/ghost");
        assertThat(keyless.getBoolean("enabled")).isFalse();
        assertThat(keyless.getInteger("keys")).isZero();
        assertThat(keyless.getString("reason")).isEqualTo("no key configured");
        assertThat(byId(list("?all=true")).get("chat").getBoolean("enabled")).isTrue();
    }

    @Test
    void shows_no_provider_key_nor_its_last_characters() {
        serve("alpha/chat", 2);
        serve("beta/chat", 1);

        for (String query : List.of("", "?all=true")) {
            String body = models(query).body();
            for (String key : PROVIDER_KEYS) {
                String lastFour = key.substring(key.length() - 4);
                assertThat(body).doesNotContain(key);
                assertThat(body.replace("…" + lastFour, ""))
                        .as("%s beyond its mask", lastFour)
                        .doesNotContain(lastFour);
                assertThat(body).doesNotContain(key.substring(0, key.length() - 4));
            }
        }
    }
}
