package dev.freeway.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.freeway.gateway.catalog.entry.TermsEntry;
import dev.freeway.gateway.config.ProviderConfig;
import dev.freeway.gateway.config.TeamConfig;
import dev.freeway.gateway.config.TeamLimitsConfig;
import dev.freeway.gateway.testing.InMemoryTable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TeamPolicyTest {
    private static final Map<String, ProviderConfig> PROVIDERS = Map.of(
            "trains", provider("yes"),
            "private", provider("no"),
            "unstated", provider("unknown"),
            "custom", provider(null));

    private final TeamPolicy policy =
            new TeamPolicy(Map.of("alpha", new TeamConfig(2, new TeamLimitsConfig(60L, 0L, 0L), null)), PROVIDERS);

    @Test
    void settings_from_the_cluster_replace_the_configs_and_an_older_revision_never_wins() {
        TeamConfig raised = new TeamConfig(3, new TeamLimitsConfig(600L, 0L, 0L), null);
        TeamConfig stale = new TeamConfig(1, new TeamLimitsConfig(6L, 0L, 0L), null);

        assertThat(policy.apply("alpha", new TeamSettings(raised, 2_000))).isTrue();
        assertThat(policy.apply("alpha", new TeamSettings(stale, 1_000))).isFalse();

        TeamRules rules = policy.rules("alpha");
        assertThat(rules.weight()).isEqualTo(3);
        assertThat(rules.limits().rpm()).isEqualTo(600);
        assertThat(rules.limits().version())
                .as("the buckets take the new shape in revision order")
                .isEqualTo(2_000);
        assertThat(policy.entries().get("alpha").revision()).isEqualTo(2_000);
    }

    @Test
    void a_team_created_at_runtime_is_defined_and_makes_the_pool_shared() {
        assertThat(policy.shared()).isFalse();
        assertThat(policy.defined("beta")).isFalse();

        policy.apply("beta", new TeamSettings(new TeamConfig(1, null, List.of("llama-*")), 5));

        assertThat(policy.defined("beta")).isTrue();
        assertThat(policy.shared()).isTrue();
        assertThat(policy.entries()).containsOnlyKeys("alpha", "beta");
    }

    @Test
    void a_data_policy_excludes_the_providers_whose_recorded_terms_match() {
        policy.apply(
                "private-team",
                new TeamSettings(
                        new TeamConfig(1, null, null, List.of("trains_on_prompts:yes", "trains_on_prompts:unknown")),
                        5));

        TeamRules rules = policy.rules("private-team");
        assertThat(rules.excludedProviders()).containsExactlyInAnyOrder("trains", "unstated");
        assertThat(rules.allowsEverything()).isFalse();
        assertThat(policy.rules("alpha").excludedProviders()).isEmpty();
    }

    @Test
    void only_teams_with_a_monthly_cap_are_capped() {
        policy.apply("paying", new TeamSettings(new TeamConfig(1, new TeamLimitsConfig(0L, 0L, 0L, 12.5), null), 5));

        assertThat(policy.capped()).containsExactly("paying");
        assertThat(policy.rules("paying").monthlySpendNanos()).isEqualTo(12_500_000_000L);
    }

    @Test
    void it_follows_the_shared_table_and_skips_a_record_it_cannot_read() {
        InMemoryTable table = new InMemoryTable();
        table.put("broken", "{not json");
        policy.follow(table);

        table.put("beta", new TeamSettings(new TeamConfig(4, null, null), 7).encode());

        assertThat(policy.rules("beta").weight()).isEqualTo(4);
        assertThat(policy.defined("broken")).isFalse();
    }

    private static ProviderConfig provider(String trainsOnPrompts) {
        TermsEntry terms = trainsOnPrompts == null
                ? null
                : new TermsEntry("recurring", "allowed", "allowed", trainsOnPrompts, null, null);
        return new ProviderConfig(
                "openai",
                "http://127.0.0.1:1/v1",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                terms,
                null,
                null,
                null,
                null);
    }
}
