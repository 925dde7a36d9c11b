package dev.freeway.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeway.gateway.config.RoutingConfig;
import dev.freeway.gateway.testing.MutableClock;
import dev.freeway.gateway.testing.RawHttp;
import dev.freeway.gateway.testing.Simulators;
import dev.freeway.gateway.testing.TestConfigs;
import dev.freeway.gateway.testing.TestNode;
import dev.freeway.loadtest.simulator.ApiFormat;
import dev.freeway.loadtest.simulator.ProviderSimulator;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Limits are kept where the platform enforces them: across a key's models (an account-wide RPM),
 * across only the models a pool covers ({@code *:free}), across the keys of one project, and for
 * tokens the answer may take before it is written (a platform's default answer limit, a model's
 * output limit). Each platform is a simulator enforcing the same limit, so a gateway that sent one
 * request too many would meet a 429 the simulator counts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LimitScopesIT {
    /** NVIDIA-like: requests per minute across every model of the key. */
    private static final int ACCOUNT_RPM = 4;

    private static final int FREE_POOL_RPM = 2;
    private static final int PROJECT_RPM = 3;
    private static final int DEFAULT_MAX_TOKENS = 10;
    private static final int MODEL_TPM = 110;
    private static final int MAX_OUTPUT_TOKENS = 5;
    /** Room for the long prompt and a short answer, never for the platform's default answer limit on top. */
    private static final int TIGHT_TPM = 20;

    /** 20 words in 39 characters: the simulator's echo of it is longer than any answer limit used here. */
    private static final String LONG_PROMPT = "a b c d e f g h i j k l m n o p q r s t";
    /** How the gateway and the simulator alike count it: a quarter of the characters, rounded up, plus 4 per message. */
    private static final int LONG_PROMPT_TOKENS = (LONG_PROMPT.length() + 3) / 4 + 4;

    private static final String NV_KEY = "nv-key-00000000001";
    private static final String OR_KEY = "or-key-00000000002";
    private static final String ALPHA_KEY_1 = "gg-key-alpha-000001";
    private static final String ALPHA_KEY_2 = "gg-key-alpha-000002";
    private static final String BETA_KEY = "gg-key-beta-0000003";
    private static final String PC_KEY = "pc-key-00000000004";

    private final MutableClock clock = MutableClock.at("2026-11-23T10:00:00Z");
    private final Simulators simulators = new Simulators(clock);
    private ProviderSimulator nvidia;
    private ProviderSimulator openrouter;
    private ProviderSimulator google;
    private ProviderSimulator precharging;
    private UpstreamTap prechargingTap;
    private TestNode node;

    @BeforeAll
    void start() {
        nvidia = simulators.start("nvidia", options -> options.withRpm(ACCOUNT_RPM));
        openrouter = simulators.start("openrouter");
        google = simulators.start("google");
        precharging = simulators.start("precharging", options -> options.withTpm(MODEL_TPM));
        prechargingTap = UpstreamTap.before(precharging);
        node = TestNode.start(
                TestConfigs.builder()
                        .provider(
                                "nv",
                                "openai",
                                nvidia.baseUrl(),
                                p -> p.key(NV_KEY)
                                        .sharedLimit("account", "key", List.of(), TestConfigs.rpm(ACCOUNT_RPM)))
                        .model("nv-a", "nv", 50)
                        .model("nv-b", "nv", 50)
                        .provider(
                                "or",
                                "openai",
                                openrouter.baseUrl(),
                                p -> p.key(OR_KEY)
                                        .sharedLimit("free", "key", List.of("*:free"), TestConfigs.rpm(FREE_POOL_RPM)))
                        .model("llama:free", "or", 50)
                        .model("qwen:free", "or", 50)
                        .model("gpt-paid", "or", 50)
                        .provider(
                                "gg",
                                "gemini",
                                google.baseUrl(ApiFormat.GEMINI),
                                p -> p.limitScope("project_model")
                                        .projectKey(ALPHA_KEY_1, "alpha")
                                        .projectKey(ALPHA_KEY_2, "alpha")
                                        .projectKey(BETA_KEY, "beta"))
                        .model("gg-model", "gg", 50, TestConfigs.rpm(PROJECT_RPM))
                        .provider(
                                "pc",
                                "openai",
                                prechargingTap.baseUrl(ApiFormat.OPENAI),
                                p -> p.key(PC_KEY).defaultMaxTokens(DEFAULT_MAX_TOKENS))
                        .model("pc-model", "pc", 50, TestConfigs.tpm(MODEL_TPM))
                        .model("pc-short", "pc", 50, TestConfigs.limits(0, 0, 0, 0), MAX_OUTPUT_TOKENS)
                        .model("pc-tight", "pc", 50, TestConfigs.tpm(TIGHT_TPM))
                        .routing(new RoutingConfig(null, null, null, null, 0, null, null, null))
                        .build(),
                clock);
    }

    /** Every test starts at the top of a fresh hour, so each minute window it uses is new and whole. */
    @BeforeEach
    void freshWindows() {
        clock.set(clock.instant().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)));
    }

    @AfterAll
    void stop() {
        node.close();
        prechargingTap.close();
        simulators.close();
    }

    private HttpResponse<String> ask(String model, String text) {
        return RawHttp.post(node.baseUrl() + "/chat/completions", TestConfigs.CLIENT_KEY, body(model, text, ""));
    }

    private static String body(String model, String text, String extra) {
        return "{\"model\":\"" + model + "\"" + extra + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + text
                + "\"}]}";
    }

    private static void assertRefusedByTheGateway(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(RawHttp.error(response).getString("type")).isEqualTo("rate_limit_error");
        assertThat(RawHttp.error(response).getString("code")).isEqualTo("pool_exhausted");
        assertThat(response.headers().firstValue("retry-after"))
                .hasValueSatisfying(
                        seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 60L));
    }

    @Test
    void an_account_wide_rpm_is_shared_by_every_model_of_the_key() {
        List<Integer> statuses = new ArrayList<>();
        List<HttpResponse<String>> refused = new ArrayList<>();
        for (int i = 0; i < 2 * ACCOUNT_RPM; i++) {
            HttpResponse<String> response = ask(i % 2 == 0 ? "nv-a" : "nv-b", "account " + i);
            statuses.add(response.statusCode());
            if (response.statusCode() != 200) {
                refused.add(response);
            }
        }

        assertThat(statuses.subList(0, ACCOUNT_RPM)).containsOnly(200);
        assertThat(refused).hasSize(ACCOUNT_RPM).allSatisfy(LimitScopesIT::assertRefusedByTheGateway);
        assertThat(nvidia.stats().requestsByKey()).isEqualTo(Map.of(NV_KEY, (long) ACCOUNT_RPM));
        assertThat(nvidia.stats().maxRequestsPerMinute(NV_KEY)).isEqualTo(ACCOUNT_RPM);
        assertThat(nvidia.stats().rateLimited()).as("no upstream 429").isZero();

        clock.advance(Duration.ofSeconds(60));
        HttpResponse<String> nextMinute = ask("nv-b", "next minute");
        assertThat(nextMinute.statusCode()).isEqualTo(200);
        assertThat(nextMinute.headers().firstValue("x-routed-via")).hasValue("nv/nv-b");
        assertThat(nvidia.stats().rateLimited()).isZero();
    }

    @Test
    void a_pool_over_the_free_models_leaves_the_other_models_of_the_key_alone() {
        long before = openrouter.stats().totalRequests();

        assertThat(ask("llama:free", "free 1").statusCode()).isEqualTo(200);
        assertThat(ask("qwen:free", "free 2").statusCode()).isEqualTo(200);
        assertRefusedByTheGateway(ask("llama:free", "free 3"));
        assertRefusedByTheGateway(ask("qwen:free", "free 4"));
        for (int i = 0; i < 2 * FREE_POOL_RPM + 1; i++) {
            HttpResponse<String> paid = ask("gpt-paid", "paid " + i);
            assertThat(paid.statusCode()).as("paid request %d", i).isEqualTo(200);
            assertThat(paid.headers().firstValue("x-routed-via")).hasValue("or/gpt-paid");
        }

        assertThat(openrouter.stats().totalRequests() - before).isEqualTo(FREE_POOL_RPM + 2 * FREE_POOL_RPM + 1);
        assertThat(openrouter.stats().rateLimited()).isZero();
    }

    @Test
    void keys_labelled_with_one_project_share_its_limit_and_another_project_has_its_own() {
        Map<String, Long> before = google.stats().requestsByKey();
        int served = 0;
        for (int i = 0; i < 2 * PROJECT_RPM; i++) {
            HttpResponse<String> response = ask("gg-model", "project " + i);
            assertThat(response.statusCode()).as("request %d", i).isEqualTo(200);
            served++;
        }
        assertRefusedByTheGateway(ask("gg-model", "one too many"));

        Map<String, Long> after = google.stats().requestsByKey();
        long alpha = delta(before, after, ALPHA_KEY_1) + delta(before, after, ALPHA_KEY_2);
        assertThat(served).isEqualTo(2 * PROJECT_RPM);
        assertThat(alpha).as("both alpha keys together").isEqualTo(PROJECT_RPM);
        assertThat(delta(before, after, BETA_KEY)).as("the beta key").isEqualTo(PROJECT_RPM);
        assertThat(google.stats().rateLimited()).isZero();
    }

    private static long delta(Map<String, Long> before, Map<String, Long> after, String key) {
        return after.getOrDefault(key, 0L) - before.getOrDefault(key, 0L);
    }

    @Test
    void the_platforms_default_answer_limit_is_sent_and_reserved_up_front() {
        int perMinute = MODEL_TPM / (LONG_PROMPT_TOKENS + DEFAULT_MAX_TOKENS);
        // Had the gateway reserved only the prompt, it would admit one more: prompt + used <= TPM.
        assertThat((MODEL_TPM - LONG_PROMPT_TOKENS) / (LONG_PROMPT_TOKENS + DEFAULT_MAX_TOKENS) + 1)
                .isGreaterThan(perMinute);
        long before = precharging.stats().totalRequests();
        int sentBefore = prechargingTap.bodiesFor("pc-model").size();

        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int i = 0; i < perMinute + 2; i++) {
            answers.add(ask("pc-model", LONG_PROMPT));
        }

        assertThat(answers.subList(0, perMinute)).allSatisfy(answer -> {
            assertThat(answer.statusCode()).isEqualTo(200);
            JsonObject completion = new JsonObject(answer.body());
            assertThat(completion.getJsonObject("usage").getInteger("prompt_tokens"))
                    .isEqualTo(LONG_PROMPT_TOKENS);
            assertThat(completion.getJsonObject("usage").getInteger("completion_tokens"))
                    .as("the simulator stopped at the limit it was sent")
                    .isEqualTo(DEFAULT_MAX_TOKENS);
            assertThat(completion.getJsonArray("choices").getJsonObject(0).getString("finish_reason"))
                    .isEqualTo("length");
        });
        assertThat(answers.subList(perMinute, answers.size())).allSatisfy(LimitScopesIT::assertRefusedByTheGateway);
        List<JsonNode> sent = prechargingTap.bodiesFor("pc-model");
        assertThat(sent.subList(sentBefore, sent.size())).hasSize(perMinute).allSatisfy(body -> {
            assertThat(body.path("max_tokens").asInt()).isEqualTo(DEFAULT_MAX_TOKENS);
            assertThat(body.has("max_completion_tokens")).isFalse();
        });
        assertThat(precharging.stats().totalRequests() - before).isEqualTo(perMinute);
        assertThat(precharging.stats().rateLimited()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"max_tokens", "max_completion_tokens"})
    void a_client_limit_above_the_models_output_limit_reaches_the_upstream_clamped(String field) {
        HttpResponse<String> answer = RawHttp.post(
                node.baseUrl() + "/chat/completions",
                TestConfigs.CLIENT_KEY,
                body("pc-short", LONG_PROMPT, ",\"" + field + "\":50"));

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode sent = prechargingTap
                .bodiesFor("pc-short")
                .get(prechargingTap.bodiesFor("pc-short").size() - 1);
        assertThat(sent.path(field).asInt()).isEqualTo(MAX_OUTPUT_TOKENS);
        assertThat(sent.has(field.equals("max_tokens") ? "max_completion_tokens" : "max_tokens"))
                .isFalse();
        assertThat(new JsonObject(answer.body()).getJsonObject("usage").getInteger("completion_tokens"))
                .isEqualTo(MAX_OUTPUT_TOKENS);
    }

    @Test
    void a_request_whose_precharge_can_never_fit_the_tpm_is_refused_not_told_to_retry() {
        assertThat(LONG_PROMPT_TOKENS).isLessThan(TIGHT_TPM);
        assertThat(LONG_PROMPT_TOKENS + DEFAULT_MAX_TOKENS).isGreaterThan(TIGHT_TPM);
        long before = precharging.stats().totalRequests();

        HttpResponse<String> never = ask("pc-tight", LONG_PROMPT);

        assertThat(never.statusCode()).as(never.body()).isBetween(400, 499).isNotEqualTo(429);
        assertThat(never.headers().firstValue("retry-after")).isEmpty();
        assertThat(precharging.stats().totalRequests()).isEqualTo(before);
        HttpResponse<String> fitting = RawHttp.post(
                node.baseUrl() + "/chat/completions",
                TestConfigs.CLIENT_KEY,
                body("pc-tight", LONG_PROMPT, ",\"max_tokens\":" + (TIGHT_TPM - LONG_PROMPT_TOKENS)));
        assertThat(fitting.statusCode()).as("a smaller answer limit fits").isEqualTo(200);
    }
}
