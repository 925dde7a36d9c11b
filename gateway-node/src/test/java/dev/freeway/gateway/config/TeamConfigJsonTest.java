package dev.freeway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.freeway.gateway.json.Json;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TeamConfigJsonTest {

    private static TeamConfig read(String json) throws Exception {
        return TeamConfigJson.read(Json.MAPPER.readTree(json));
    }

    @Test
    void settings_read_in_the_config_files_names_and_write_back_the_same() throws Exception {
        TeamConfig team = read("""
                {"weight": 2, "limits": {"rpm": 600, "daily_tokens": 5000000, "monthly_spend_usd": 25.5},
                 "models": ["llama-*"], "exclude_terms": ["trains_on_prompts:yes"]}""");

        assertThat(team.weight()).isEqualTo(2);
        assertThat(team.limits().dailyTokens()).isEqualTo(5_000_000L);
        assertThat(team.limits().monthlySpendNanos()).isEqualTo(25_500_000_000L);
        assertThat(team.excludeTerms()).containsExactly("trains_on_prompts:yes");
        assertThat(TeamConfigJson.read(TeamConfigJson.write(team))).isEqualTo(team);
    }

    @Test
    void an_unknown_key_is_refused_with_its_path() {
        assertThatThrownBy(() -> read("{\"limits\": {\"rpd\": 5}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("limits.rpd: unknown key");
    }

    @Test
    void the_config_files_checks_apply() {
        assertThatThrownBy(
                        () -> read(
                                "{\"weight\": 0, \"limits\": {\"tpm\": -1}, \"models\": [], \"exclude_terms\": [\"trains:yes\"]}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("team.weight: must be at least 1")
                .hasMessageContaining("team.limits: limits cannot be negative")
                .hasMessageContaining("team.models: a non-empty list")
                .hasMessageContaining("team.exclude_terms: 'trains:yes' is not field:value");
    }

    @Test
    void a_body_that_is_not_an_object_is_refused() {
        assertThatThrownBy(() -> read("[1]")).hasMessage("team: expected a JSON object");
        assertThatThrownBy(() -> read("{\"weight\": \"heavy\"}")).hasMessageStartingWith("weight: ");
    }
}
