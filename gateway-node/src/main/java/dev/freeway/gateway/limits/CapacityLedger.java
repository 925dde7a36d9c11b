package dev.freeway.gateway.limits;

import io.vertx.core.Future;

/**
 * Cluster-wide capacity per scope (provider key and model), one bucket per limited {@link Window}.
 * Reservations are atomic per window for the whole cluster; the caller's clock is the ledger's clock.
 *
 * <p>Threading: every method may be called on a Vert.x event loop and never blocks; futures
 * complete on the caller's context. A failed future means the ledger itself failed (not "no
 * capacity", which is a denied {@link Admission}).
 */
public interface CapacityLedger {

    /** Takes one request plus {@code tokens} estimated tokens, or nothing if any window lacks room. */
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

    /**
     * Provider truth: the provider says {@code providerRemaining} is left in {@code window} after it
     * handled this reservation's request. If Freeway's window holds more, something else used the
     * key; the shared window is lowered to the provider's figure. It is never raised.
     *
     * @param actualTokens the provider's token count for this request, or -1 if not known
     */
    Future<Void> correct(Reservation reservation, long actualTokens, Window window, long providerRemaining);

    /** Gives back all of a reservation, the request included: the admission was not used. */
    Future<Void> release(Reservation reservation);

    /** Takes {@code amount} from one window even past its limit, for admissions made elsewhere. */
    Future<Void> charge(String scope, Limits limits, Window window, long amount);
}
