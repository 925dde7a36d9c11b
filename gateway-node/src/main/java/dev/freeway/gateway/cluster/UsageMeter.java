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

    /** Adds {@code delta} to the totals of {@code key}. */
    Future<Void> add(UsageKey key, UsageTotals delta);

    /** Every row of {@code day} (ISO date, UTC), only {@code team}'s when it is not null. */
    Future<List<UsageRow>> read(String day, String team);

    /** Adds {@code costNanos} to what {@code team} spent in {@code month} ({@code yyyy-MM}, UTC). */
    Future<Void> addSpend(String team, String month, long costNanos);

    /** What each of {@code teams} spent in {@code month}, in nano-dollars; absent = nothing. */
    Future<Map<String, Long>> spend(String month, Collection<String> teams);
}
