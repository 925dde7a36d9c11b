package dev.freeway.gateway.cluster;

import io.vertx.core.Future;

/**
 * Cluster-wide usage per scope (provider key and model) and UTC day: requests, prompt and
 * completion tokens, for budgets, quota warnings and the dashboard; admission never waits on it.
 * Futures complete on the caller's context.
 */
public interface UsageMeter {

    /** Adds to the totals of {@code scope} on {@code day} (ISO date, UTC). */
    Future<Void> add(String day, String scope, UsageTotals delta);
}
