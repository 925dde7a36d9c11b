package dev.freeway.gateway.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A team's settings checked the same way from the config file and from the admin API. */
public final class TeamChecks {
    private static final Pattern TERMS_RULE =
            Pattern.compile("(free_tier|shared_use|production|trains_on_prompts):[a-z_]+");

    private TeamChecks() {}

    /** What is wrong with one team's settings, each problem prefixed with {@code path}. */
    public static List<String> problems(String path, TeamConfig team) {
        List<String> found = new ArrayList<>();
        if (team.weight() < 1) {
            found.add(path + ".weight: must be at least 1");
        }
        TeamLimitsConfig l = team.limits();
        if (l.rpm() < 0 || l.tpm() < 0 || l.dailyTokens() < 0 || l.monthlySpendUsd() < 0) {
            found.add(path + ".limits: limits cannot be negative (0 means none)");
        }
        if (!Double.isFinite(l.monthlySpendUsd()) || l.monthlySpendUsd() > 1e9) {
            found.add(path + ".limits.monthly_spend_usd: must be a finite amount below 1e9");
        }
        if (team.models().isEmpty() || team.models().stream().anyMatch(m -> m == null || m.isBlank())) {
            found.add(path + ".models: a non-empty list of model globs");
        }
        for (String rule : team.excludeTerms()) {
            if (rule == null || !TERMS_RULE.matcher(rule).matches()) {
                found.add(path + ".exclude_terms: '" + rule + "' is not field:value with field one of "
                        + "free_tier, shared_use, production, trains_on_prompts");
            }
        }
        return found;
    }
}
