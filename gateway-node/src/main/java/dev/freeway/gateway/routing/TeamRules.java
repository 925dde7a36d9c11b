package dev.freeway.gateway.routing;

import dev.freeway.gateway.catalog.Candidate;
import dev.freeway.gateway.catalog.Globs;
import dev.freeway.gateway.config.TeamConfig;
import dev.freeway.gateway.limits.Limits;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What one team may use: its own cluster-wide quota (a ledger scope {@code team:<name>}), the
 * models its keys may reach, the providers its data policy keeps out, and what it may spend on
 * paid models in a month.
 *
 * @param limits versioned by the settings' revision, so a changed quota reshapes the cluster's
 *     buckets instead of waiting for them to expire
 * @param excludedProviders providers whose terms the team's data policy excludes
 * @param monthlySpendNanos 0 = no cap
 */
public record TeamRules(
        String name,
        int weight,
        Limits limits,
        List<Pattern> models,
        Set<String> excludedProviders,
        long monthlySpendNanos) {

    /** A team the config does not describe: no quota of its own, every model. */
    public static TeamRules open(String name) {
        return new TeamRules(name, 1, new Limits(0, 0, 0, 0), List.of(Globs.compile("*")), Set.of(), 0);
    }

    /**
     * @param revision increases with every change of the team's settings
     * @param excludedProviders what {@code config}'s data policy excludes, worked out by the caller
     */
    public static TeamRules of(String name, TeamConfig config, long revision, Set<String> excludedProviders) {
        return new TeamRules(
                name,
                config.weight(),
                new Limits(
                        config.limits().rpm(),
                        0,
                        config.limits().tpm(),
                        config.limits().dailyTokens(),
                        revision),
                config.models().stream().map(Globs::compile).toList(),
                Set.copyOf(excludedProviders),
                config.limits().monthlySpendNanos());
    }

    public String scope() {
        return "team:" + name;
    }

    public boolean limited() {
        return limits.limitsRequests() || limits.limitsTokens();
    }

    /** Whether every candidate is allowed: all models and no data policy, so none needs checking. */
    public boolean allowsEverything() {
        return excludedProviders.isEmpty()
                && models.size() == 1
                && models.get(0).pattern().equals(".*");
    }

    /**
     * Whether the team may be served by {@code candidate}: its model id or {@code provider/model}
     * matches, and its provider is not excluded by the data policy.
     */
    public boolean allows(Candidate candidate) {
        if (excludedProviders.contains(candidate.provider())) {
            return false;
        }
        String id = candidate.model().id();
        String target = candidate.target();
        for (Pattern model : models) {
            if (model.matcher(id).matches() || model.matcher(target).matches()) {
                return true;
            }
        }
        return false;
    }
}
