package dev.freeway.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.freeway.gateway.catalog.Candidate;
import dev.freeway.gateway.config.ModelConfig;
import dev.freeway.gateway.config.TeamConfig;
import dev.freeway.gateway.config.TeamLimitsConfig;
import dev.freeway.gateway.secrets.ProviderKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TeamRulesTest {
    private static Candidate candidate(String provider, String model) {
        return Candidate.of(
                provider,
                new ModelConfig(model, provider, null, 50, 8192, null, null),
                ProviderKey.of("key-000000001"));
    }

    private static TeamRules rules(String name, TeamConfig config) {
        return TeamRules.of(name, config, 0, Set.of());
    }

    @Test
    void a_model_list_matches_model_ids_and_provider_slash_model() {
        TeamRules rules = rules("alpha", new TeamConfig(1, null, List.of("llama-*", "groq/qwen3-32b")));

        assertThat(rules.allows(candidate("cerebras", "llama-3.3-70b"))).isTrue();
        assertThat(rules.allows(candidate("groq", "qwen3-32b"))).isTrue();
        assertThat(rules.allows(candidate("cerebras", "qwen3-32b"))).isFalse();
    }

    @Test
    void the_team_quota_is_a_ledger_scope_of_its_own_with_daily_tokens_as_the_day_window() {
        TeamRules rules = rules("alpha", new TeamConfig(2, new TeamLimitsConfig(600L, 200_000L, 5_000_000L), null));

        assertThat(rules.scope()).isEqualTo("team:alpha");
        assertThat(rules.limits().rpm()).isEqualTo(600);
        assertThat(rules.limits().tpm()).isEqualTo(200_000);
        assertThat(rules.limits().tpd()).isEqualTo(5_000_000);
        assertThat(rules.limits().rpd()).isZero();
        assertThat(rules.limited()).isTrue();
    }

    @Test
    void only_a_star_list_skips_the_per_candidate_check() {
        assertThat(rules("a", new TeamConfig(1, null, List.of("*"))).allowsEverything())
                .isTrue();
        assertThat(rules("b", new TeamConfig(1, null, List.of("llama-*"))).allowsEverything())
                .isFalse();
        assertThat(TeamRules.open("c").allowsEverything()).isTrue();
    }

    @Test
    void a_team_the_config_does_not_describe_has_no_quota_and_every_model() {
        TeamRules rules = new TeamPolicy(Map.of(), Map.of()).rules("test");

        assertThat(rules.limited()).isFalse();
        assertThat(rules.allows(candidate("any", "thing"))).isTrue();
    }
}
