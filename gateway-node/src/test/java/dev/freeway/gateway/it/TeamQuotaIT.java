package dev.freeway.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.freeway.gateway.config.TeamConfig;
import dev.freeway.gateway.config.TeamLimitsConfig;
import dev.freeway.gateway.testing.MutableClock;
import dev.freeway.gateway.testing.RawHttp;
import dev.freeway.gateway.testing.Simulators;
import dev.freeway.gateway.testing.TestConfigs;
import dev.freeway.gateway.testing.TestNode;
import dev.freeway.loadtest.simulator.ProviderSimulator;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A team's own quota and model list, separate from the pool: a team over its quota gets 429
 * {@code team_quota_exceeded} while other teams are served from the same pool, and a team asking
 * for a model outside its list gets 403 {@code model_not_allowed}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TeamQuotaIT {
    private static final String ALPHA_KEY = "sk-team-alpha-key-000001";
    private static final String BETA_KEY = "sk-team-beta-key-0000001";

    private final MutableClock clock = MutableClock.at("2026-11-23T10:00:00Z");
    private final Simulators simulators = new Simulators(clock);
    private ProviderSimulator upstream;
    private TestNode node;

    @BeforeAll
    void start() {
        upstream = simulators.start("pool");
        node = TestNode.start(
                TestConfigs.builder()
                        .provider("pool", upstream.baseUrl(), "pool-key-000001")
                        .model("small", "pool", 50)
                        .model("large", "pool", 60)
                        .team("alpha", new TeamConfig(1, new TeamLimitsConfig(3L, null, null), List.of("*")), ALPHA_KEY)
                        .team("beta", new TeamConfig(1, null, List.of("small")), BETA_KEY)
                        .build(),
                clock);
    }

    @BeforeEach
    void nextMinute() {
        clock.advance(Duration.ofMinutes(1));
    }

    @AfterAll
    void stop() {
        node.close();
        simulators.close();
    }

    private HttpResponse<String> ask(String key, String model) {
        return RawHttp.post(
                node.baseUrl() + "/chat/completions",
                key,
                "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    @Test
    void a_team_over_its_own_quota_is_refused_while_another_team_is_served() {
        for (int i = 0; i < 3; i++) {
            assertThat(ask(ALPHA_KEY, "small").statusCode()).isEqualTo(200);
        }
        long upstreamBefore = upstream.stats().totalRequests();

        HttpResponse<String> refused = ask(ALPHA_KEY, "small");
        HttpResponse<String> other = ask(BETA_KEY, "small");

        JsonObject error = RawHttp.error(refused);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(error.getString("code")).isEqualTo("team_quota_exceeded");
        assertThat(error.getString("type")).isEqualTo("rate_limit_error");
        assertThat(refused.headers().firstValue("retry-after"))
                .hasValueSatisfying(
                        seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 60L));
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(upstream.stats().totalRequests())
                .as("the refused request never reached the upstream")
                .isEqualTo(upstreamBefore + 1);
    }

    @Test
    void the_team_quota_refills_with_the_minute() {
        for (int i = 0; i < 3; i++) {
            ask(ALPHA_KEY, "small");
        }
        assertThat(ask(ALPHA_KEY, "small").statusCode()).isEqualTo(429);

        clock.advance(Duration.ofMinutes(1));

        assertThat(ask(ALPHA_KEY, "small").statusCode()).isEqualTo(200);
    }

    @Test
    void a_team_cannot_reach_a_model_outside_its_list() {
        HttpResponse<String> refused = ask(BETA_KEY, "large");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(RawHttp.error(refused).getString("code")).isEqualTo("model_not_allowed");
        assertThat(ask(BETA_KEY, "small").statusCode()).isEqualTo(200);
    }

    @Test
    void auto_serves_a_restricted_team_only_from_its_models() {
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> answer = ask(BETA_KEY, "auto");
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.headers().firstValue("x-routed-via")).hasValue("pool/small");
        }
    }
}
