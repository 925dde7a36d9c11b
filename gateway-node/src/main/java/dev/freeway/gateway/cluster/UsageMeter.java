package dev.freeway.gateway.cluster;

import io.vertx.core.Future;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Cluster-wide usage per team, scope (provider key and model) and UTC day: requests, tokens and
 * cost, for budgets, quota warnings and the usage API; admission never waits on it. Futures
 * complete on the caller's context.
 */
public interface UsageMeter {
    /** Monthly subjects: a team's totals, for its spend cap. */
    String TEAM = "team:";
    /** Monthly subjects: a scope's totals, for the platform's monthly budget there. */
    String SCOPE = "scope:";

    /** Adds {@code delta} to the totals of {@code key}. */
    Future<Void> add(UsageKey key, UsageTotals delta);

    /** Every row of {@code day} (ISO date, UTC), only {@code team}'s when it is not null. */
    Future<List<UsageRow>> read(String day, String team);

    /**
     * Adds {@code delta} to {@code subject}'s totals for {@code month} ({@code yyyy-MM}, UTC):
     * {@code team:<name>} for spend caps, {@code scope:<scope>} for a platform's monthly budget.
     */
    Future<Void> addMonthly(String subject, String month, UsageTotals delta);

    /** The totals of each of {@code subjects} for {@code month}; absent = nothing counted. */
    Future<Map<String, UsageTotals>> monthly(String month, Collection<String> subjects);
}
