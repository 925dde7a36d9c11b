package dev.freeway.gateway.routing;

import dev.freeway.gateway.config.TeamConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Every configured team's rules, by name; a team the config does not describe is open. */
public final class TeamPolicy {
    private final Map<String, TeamRules> byName;
    /** Teams of client keys the config gives no rules: built once per name, not per request. */
    private final Map<String, TeamRules> open = new ConcurrentHashMap<>();

    public TeamPolicy(Map<String, TeamConfig> teams) {
        Map<String, TeamRules> rules = new HashMap<>();
        teams.forEach((name, team) -> rules.put(name, TeamRules.of(name, team)));
        this.byName = Map.copyOf(rules);
    }

    /** Whether teams compete for scarce capacity at all: with fewer than two there is nobody to share with. */
    public boolean shared() {
        return byName.size() > 1;
    }

    public TeamRules rules(String team) {
        TeamRules rules = byName.get(team);
        return rules != null ? rules : open.computeIfAbsent(team, TeamRules::open);
    }
}
