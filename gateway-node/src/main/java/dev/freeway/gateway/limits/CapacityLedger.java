package dev.freeway.gateway.limits;

import io.vertx.core.Future;

/**
 * Cluster-wide capacity per scope (provider key and model). Reservations are atomic for the whole
 * cluster; the caller's clock is the ledger's clock.
 *
 * <p>Threading: every method may be called on a Vert.x event loop and never blocks; futures
 * complete on the caller's context. A failed future means the ledger itself failed (not "no
 * capacity", which is a denied {@link Admission}).
 */
public interface CapacityLedger {

    /** Takes one request plus {@code tokens} estimated tokens, or nothing if either does not fit. */
    Future<Admission> reserve(String scope, Limits limits, long tokens);

    /**
     * Corrects a reservation once the real token count is known: refunds the surplus, or charges the
     * shortfall even past the limit (the provider already served it).
     */
    Future<Void> settle(Reservation reservation, long actualTokens);

    /** Gives back the reserved tokens of an attempt the provider did not serve; the request stays counted. */
    default Future<Void> refundTokens(Reservation reservation) {
        return settle(reservation, 0);
    }
}
