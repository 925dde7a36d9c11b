package dev.freeway.gateway.routing;

import dev.freeway.gateway.catalog.TermsPolicy;
import dev.freeway.gateway.cluster.SharedTable;
import dev.freeway.gateway.config.ConfigException;
import dev.freeway.gateway.config.ProviderConfig;
import dev.freeway.gateway.config.TeamConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every team's rules, by name: the config's teams, replaced or joined by settings changed through
 * the admin API, which reach every node through the cluster's team table. A team nobody describes
 * is open. Requests read an immutable map; a change swaps it.
 */
public final class TeamPolicy {
    private static final Logger LOG = LoggerFactory.getLogger(TeamPolicy.class);

    /** A team's settings and where they came from: revision 0 = the config file. */
    public record Entry(TeamConfig config, long revision) {}

    private final Map<String, ProviderConfig> providers;
    private final Map<String, Entry> entries = new HashMap<>();
    private volatile Map<String, TeamRules> byName;
    /** Teams of client keys nobody gives rules: built once per name, not per request. */
    private final Map<String, TeamRules> open = new ConcurrentHashMap<>();

    /** @param providers the providers' recorded terms decide what a team's data policy excludes */
    public TeamPolicy(Map<String, TeamConfig> teams, Map<String, ProviderConfig> providers) {
        this.providers = Map.copyOf(providers);
        teams.forEach((name, team) -> entries.put(name, new Entry(team, 0)));
        this.byName = rebuild();
    }

    /**
     * Takes {@code settings} for {@code team} unless this node already holds a newer revision
     * (events from the cluster table may arrive late or twice).
     *
     * @return whether they were taken
     */
    public synchronized boolean apply(String team, TeamSettings settings) {
        Entry current = entries.get(team);
        if (current != null && current.revision() >= settings.revision()) {
            return false;
        }
        entries.put(team, new Entry(settings.config(), settings.revision()));
        byName = rebuild();
        LOG.info("team {} settings now at revision {}", team, settings.revision());
        return true;
    }

    /** Keeps this node's rules in step with the cluster's team table, from every record now in it on. */
    public void follow(SharedTable table) {
        table.watch((team, record) -> {
            try {
                apply(team, TeamSettings.decode(record));
            } catch (IllegalArgumentException | ConfigException e) {
                LOG.warn("team {} settings in the cluster cannot be read, kept as they were: {}", team, e.getMessage());
            }
        });
    }

    /** Whether teams compete for scarce capacity at all: with fewer than two there is nobody to share with. */
    public boolean shared() {
        return byName.size() > 1;
    }

    /** Whether any team is described, in the config or through the admin API. */
    public boolean any() {
        return !byName.isEmpty();
    }

    public boolean defined(String team) {
        return byName.containsKey(team);
    }

    /** Teams with a monthly spend cap. */
    public List<String> capped() {
        return byName.values().stream()
                .filter(rules -> rules.monthlySpendNanos() > 0)
                .map(TeamRules::name)
                .toList();
    }

    /** One team's settings, or null when no team has that name. */
    public synchronized Entry entry(String team) {
        return entries.get(team);
    }

    public synchronized Map<String, Entry> entries() {
        return new TreeMap<>(entries);
    }

    public TeamRules rules(String team) {
        TeamRules rules = byName.get(team);
        return rules != null ? rules : open.computeIfAbsent(team, TeamRules::open);
    }

    private Map<String, TeamRules> rebuild() {
        Map<String, TeamRules> rules = new HashMap<>();
        entries.forEach((name, entry) ->
                rules.put(name, TeamRules.of(name, entry.config(), entry.revision(), excluded(entry.config()))));
        return Map.copyOf(rules);
    }

    private Set<String> excluded(TeamConfig team) {
        if (team.excludeTerms().isEmpty()) {
            return Set.of();
        }
        TermsPolicy policy = new TermsPolicy(team.excludeTerms());
        return providers.entrySet().stream()
                .filter(provider -> policy.excludedBy(provider.getValue().terms()) != null)
                .map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }
}
