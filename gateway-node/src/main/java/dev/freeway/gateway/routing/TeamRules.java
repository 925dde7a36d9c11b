package dev.freeway.gateway.routing;

import dev.freeway.gateway.catalog.Candidate;
import dev.freeway.gateway.catalog.Globs;
import dev.freeway.gateway.config.TeamConfig;
import dev.freeway.gateway.limits.Limits;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What one team may use: its own cluster-wide quota (a ledger scope {@code team:<name>}) and the
 * models its keys may reach.
 */
public record TeamRules(String name, int weight, Limits limits, List<Pattern> models) {

    /** A team the config does not describe: no quota of its own, every model. */
    public static TeamRules open(String name) {
        return new TeamRules(name, 1, new Limits(0, 0, 0, 0), List.of(Globs.compile("*")));
    }

    public static TeamRules of(String name, TeamConfig config) {
        return new TeamRules(
                name,
                config.weight(),
                new Limits(
                        config.limits().rpm(),
                        0,
                        config.limits().tpm(),
                        config.limits().dailyTokens()),
                config.models().stream().map(Globs::compile).toList());
    }

    public String scope() {
        return "team:" + name;
    }

    public boolean limited() {
        return limits.limitsRequests() || limits.limitsTokens();
    }

    /** Whether the model list is {@code *}: no candidate needs checking. */
    public boolean allowsEverything() {
        return models.size() == 1 && models.get(0).pattern().equals(".*");
    }

    /** Whether the team may be served by {@code candidate}: its model id or {@code provider/model} matches. */
    public boolean allows(Candidate candidate) {
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
