package dev.freeway.gateway.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each scope had left after this node's latest admission there, for display ({@code /v1/models}):
 * no cluster round trip, at the price of not seeing other nodes' admissions since. A window this
 * node has not admitted in since it began counts as full.
 */
public final class CapacityView {
    private final Map<String, Reservation> latest = new ConcurrentHashMap<>();

    public void saw(Reservation reservation) {
        if (!reservation.local() && reservation.admittedAtMillis() >= 0) {
            latest.put(reservation.scope(), reservation);
        }
    }

    /** Remaining in {@code window} of {@code scope} as last seen; -1 when the window is not limited. */
    public long remaining(String scope, Limits limits, Window window, long nowMillis) {
        long limit = window.limit(limits);
        if (limit <= 0) {
            return -1;
        }
        Reservation seen = latest.get(scope);
        return seen != null && seen.sameWindow(window, nowMillis) && seen.remaining(window) >= 0
                ? seen.remaining(window)
                : limit;
    }
}
