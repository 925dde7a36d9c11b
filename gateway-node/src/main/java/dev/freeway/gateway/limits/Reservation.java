package dev.freeway.gateway.limits;

/**
 * Capacity taken before dispatch: one request and {@code tokens} estimated tokens in {@code scope}.
 *
 * @param remaining what each window (by {@link Window#ordinal()}) had left right after this
 *     admission, or -1 when the window is not limited or not known; compared with what the provider
 *     reports afterwards to find usage Freeway did not see
 * @param admittedAtMillis when the ledger admitted it, on the ledger's clock: the window each
 *     {@code remaining} belongs to
 * @param local admitted from this node's own share while the shared ledger did not answer
 */
public record Reservation(
        String scope, Limits limits, long tokens, long[] remaining, long admittedAtMillis, boolean local) {

    public static Reservation unmetered(String scope, Limits limits, long tokens) {
        return new Reservation(scope, limits, tokens, unknown(), -1, false);
    }

    public static Reservation local(String scope, Limits limits, long tokens, long admittedAtMillis) {
        return new Reservation(scope, limits, tokens, unknown(), admittedAtMillis, true);
    }

    public static long[] unknown() {
        return new long[] {-1, -1, -1, -1};
    }

    public long remaining(Window window) {
        return remaining[window.ordinal()];
    }

    /** Whether this reservation's figures are about the window that contains {@code nowMillis}. */
    public boolean sameWindow(Window window, long nowMillis) {
        return admittedAtMillis >= 0 && window.index(admittedAtMillis) == window.index(nowMillis);
    }
}
