package dev.freeway.gateway.cluster;

import io.vertx.core.Future;

/**
 * Weighted sharing of one scarce provider window between teams, for the whole cluster. Futures
 * complete on the caller's context.
 */
public interface FairShare {

    /**
     * Claims one request of {@code limit} in {@code window} (a scope and minute) for {@code team}:
     * granted while the team is under its weighted share of the teams that asked in this window,
     * or while enough is left to honour every other team's unused share; false otherwise.
     */
    Future<Boolean> claim(String window, String team, int weight, long limit);
}
