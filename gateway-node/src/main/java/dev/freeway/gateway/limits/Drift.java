package dev.freeway.gateway.limits;

/**
 * How far Freeway's view of a window was above the provider's own report at this request's
 * admission: an upper bound of the usage the provider counted that Freeway did not route. Zero
 * means there is nothing to correct, which spares the common case a call to the cluster.
 */
public final class Drift {
    private Drift() {}

    /**
     * Units to take from {@code window} so it holds no more than the provider says; 0 when Freeway is
     * already at or below it, or when the reservation knows nothing of that window or the window has
     * turned since the admission.
     */
    public static long of(
            Reservation reservation, long actualTokens, Window window, long providerRemaining, long nowMillis) {
        long ours = reservation.remaining(window);
        if (ours < 0 || providerRemaining < 0 || !reservation.sameWindow(window, nowMillis)) {
            return 0;
        }
        if (window.countsTokens() && actualTokens >= 0) {
            ours -= actualTokens - reservation.tokens();
        }
        return Math.max(0, ours - providerRemaining);
    }
}
