package dev.freeway.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.openai.client.OpenAIClient;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.freeway.gateway.testing.MutableClock;
import dev.freeway.gateway.testing.RawHttp;
import dev.freeway.gateway.testing.Simulators;
import dev.freeway.gateway.testing.TestConfigs;
import dev.freeway.gateway.testing.TestNode;
import dev.freeway.loadtest.simulator.FailureMode;
import dev.freeway.loadtest.simulator.ProviderSimulator;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every error a client can get, each in OpenAI's shape with the right status. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ErrorsIT {
    private final MutableClock clock = MutableClock.at("2026-11-23T10:00:00Z");
    private final Simulators simulators = new Simulators(clock);
    private ProviderSimulator okay;
    private ProviderSimulator broken1;
    private ProviderSimulator broken2;
    private ProviderSimulator hanging;
    private ProviderSimulator strict;
    private TestNode node;
    private OpenAIClient client;

    @BeforeAll
    void start() {
        okay = simulator("okay", FailureMode.NONE);
        broken1 = simulator("broken1", FailureMode.ERROR_500);
        broken2 = simulator("broken2", FailureMode.ERROR_503);
        hanging = simulator("hanging", FailureMode.HANG);
        strict = simulator("strict", FailureMode.BAD_REQUEST_400);
        node = TestNode.start(
                TestConfigs.builder()
                        .bodyLimit(64 * 1024)
                        .provider("okay", okay.baseUrl(), "okay-key-0001")
                        .provider("broken1", broken1.baseUrl(), "broken1-key-01")
                        .provider("broken2", broken2.baseUrl(), "broken2-key-01")
                        .provider("strict", strict.baseUrl(), "strict-key-001")
                        .timeouts(1_000, 300, 300)
                        .provider("hanging", hanging.baseUrl(), "hanging-key-01")
                        .model("plain", "okay", 50)
                        .model("scarce", "okay", 50, TestConfigs.rpm(1))
                        .model("doomed", "broken1", 60)
                        .model("doomed", "broken2", 50)
                        .model("sluggish", "hanging", 50)
                        .model("picky", "strict", 60)
                        .model("picky", "okay", 10)
                        .build(),
                clock);
        client = node.client();
    }

    private ProviderSimulator simulator(String name, FailureMode mode) {
        return simulators.start(name, options -> options.withFailureMode(mode));
    }

    @AfterAll
    void stop() {
        node.close();
        simulators.close();
    }

    private static ChatCompletionCreateParams ask(String model) {
        return ChatCompletionCreateParams.builder()
                .model(model)
                .addUserMessage("hello")
                .build();
    }

    private String chatUrl() {
        return node.baseUrl() + "/chat/completions";
    }

    @Test
    void rejects_a_wrong_client_key_with_401() {
        long before = okay.stats().totalRequests();
        UnauthorizedException e = catchThrowableOfType(
                UnauthorizedException.class,
                () -> node.client("sk-not-a-real-key-000").chat().completions().create(ask("plain")));
        assertThat(e.statusCode()).isEqualTo(401);
        assertThat(e.code()).contains("invalid_api_key");
        assertThat(okay.stats().totalRequests()).isEqualTo(before);
    }

    @Test
    void rejects_an_unknown_model_with_404_model_not_found() {
        NotFoundException e = catchThrowableOfType(
                NotFoundException.class, () -> client.chat().completions().create(ask("gpt-9")));
        assertThat(e.code()).contains("model_not_found");
        assertThat(e.param()).contains("model");
    }

    @Test
    void rejects_malformed_json_with_400() {
        HttpResponse<String> response = RawHttp.post(chatUrl(), TestConfigs.CLIENT_KEY, "{\"model\":\"plain\",");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RawHttp.error(response).getString("type")).isEqualTo("invalid_request_error");
        assertThat(response.headers().firstValue("x-request-id")).isPresent();
    }

    @Test
    void rejects_an_unknown_role_naming_the_parameter() {
        HttpResponse<String> response = RawHttp.post(
                chatUrl(),
                TestConfigs.CLIENT_KEY,
                "{\"model\":\"plain\",\"messages\":[{\"role\":\"wizard\",\"content\":\"hi\"}]}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RawHttp.error(response).getString("param")).isEqualTo("messages[0].role");
    }

    @Test
    void rejects_a_request_without_messages() {
        HttpResponse<String> response =
                RawHttp.post(chatUrl(), TestConfigs.CLIENT_KEY, "{\"model\":\"plain\",\"messages\":[]}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RawHttp.error(response).getString("param")).isEqualTo("messages");
    }

    @Test
    void refuses_a_body_over_the_limit_with_413() {
        long before = okay.stats().totalRequests();
        String big = "x".repeat(100 * 1024);
        HttpResponse<String> response = RawHttp.post(
                chatUrl(),
                TestConfigs.CLIENT_KEY,
                "{\"model\":\"plain\",\"messages\":[{\"role\":\"user\",\"content\":\"" + big + "\"}]}");
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(RawHttp.error(response).getString("code")).isEqualTo("request_too_large");
        assertThat(okay.stats().totalRequests()).isEqualTo(before);
    }

    @Test
    void answers_429_with_retry_after_only_when_the_whole_pool_is_exhausted() {
        client.chat().completions().create(ask("scarce"));
        RateLimitException e = catchThrowableOfType(
                RateLimitException.class, () -> client.chat().completions().create(ask("scarce")));
        assertThat(e.headers().values("Retry-After")).containsExactly("60");
        assertThat(e.code()).contains("pool_exhausted");
        assertThat(okay.stats().rateLimited()).isZero();
    }

    @Test
    void answers_502_naming_the_last_upstream_reason_when_every_attempt_failed() {
        InternalServerException e = catchThrowableOfType(
                InternalServerException.class, () -> client.chat().completions().create(ask("doomed")));
        assertThat(e.statusCode()).isEqualTo(502);
        assertThat(e.code()).contains("upstream_error");
        assertThat(e.getMessage()).contains("2 upstream attempt(s) failed").contains("HTTP 503");
        assertThat(e.getMessage()).doesNotContain("Exception").doesNotContain("at dev.freeway");
        assertThat(broken1.stats().totalRequests()).isEqualTo(1);
        assertThat(broken2.stats().totalRequests()).isEqualTo(1);
    }

    @Test
    void answers_504_when_the_upstream_never_sends_a_first_byte() {
        OpenAIServiceException e = catchThrowableOfType(
                OpenAIServiceException.class, () -> client.chat().completions().create(ask("sluggish")));
        assertThat(e.statusCode()).isEqualTo(504);
        assertThat(e.code()).contains("upstream_timeout");
    }

    @Test
    void passes_a_provider_verdict_on_the_request_through_without_failing_over() {
        long okayBefore = okay.stats().totalRequests();
        BadRequestException e = catchThrowableOfType(
                BadRequestException.class, () -> client.chat().completions().create(ask("picky")));
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.code()).contains("invalid_value");
        assertThat(okay.stats().totalRequests()).isEqualTo(okayBefore);
    }

    @Test
    void health_endpoints_answer_without_a_key() {
        assertThat(RawHttp.get("http://127.0.0.1:" + node.port() + "/health/live")
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> ready = RawHttp.get("http://127.0.0.1:" + node.port() + "/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(ready.body()).getString("status")).isEqualTo("UP");
    }
}
