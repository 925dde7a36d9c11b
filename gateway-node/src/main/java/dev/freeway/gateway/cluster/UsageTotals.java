package dev.freeway.gateway.cluster;

/**
 * Requests, tokens and cost counted for one team, scope and day.
 *
 * @param costNanos USD in billionths: prices are per million tokens with a few decimals, so a
 *     token's cost is a fraction of a micro-dollar; nano-dollars keep the sum exact for prices of
 *     up to three decimals
 * @param unmetered requests the upstream never reported usage for (a stream that broke
 *     off): counted as requests, their tokens unknown
 */
public record UsageTotals(long requests, long promptTokens, long completionTokens, long costNanos, long unmetered) {

    public static final UsageTotals ZERO = new UsageTotals(0, 0, 0, 0, 0);

    public UsageTotals plus(UsageTotals other) {
        return new UsageTotals(
                requests + other.requests,
                promptTokens + other.promptTokens,
                completionTokens + other.completionTokens,
                costNanos + other.costNanos,
                unmetered + other.unmetered);
    }

    public boolean isZero() {
        return equals(ZERO);
    }

    /** The layout the cluster stores: {requests, prompt, completion, costNanos, unmetered}. */
    public long[] toArray() {
        return new long[] {requests, promptTokens, completionTokens, costNanos, unmetered};
    }

    /** Reads {@link #toArray()}; shorter arrays (written before cost was kept) read as zero cost. */
    public static UsageTotals fromArray(long[] totals) {
        return new UsageTotals(at(totals, 0), at(totals, 1), at(totals, 2), at(totals, 3), at(totals, 4));
    }

    private static long at(long[] totals, int i) {
        return i < totals.length ? totals[i] : 0;
    }
}
