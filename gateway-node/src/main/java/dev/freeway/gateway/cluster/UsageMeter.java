package dev.freeway.gateway.cluster;

import io.vertx.core.Future;
import java.util.List;

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
}
