package dev.freeway.gateway.provider;

import java.util.List;

/**
 * What one upstream response said about the provider's own remaining capacity. The provider's count
 * is the truth the cluster-wide ledger corrects itself down to; it never raises the ledger.
 *
 * @param windows the windows the response reported, possibly several for the same dimension and span
 * @param retryAfterMillis how long the upstream asked us to wait from the response's receipt, 0 when
 *     it asked for no wait or said nothing (the convention of {@link UpstreamFailure#retryAfterMillis})
 */
public record ProviderQuota(List<Window> windows, long retryAfterMillis) {
    /** The answer for a response that said nothing usable; shared, so callers may compare by identity. */
    public static final ProviderQuota NONE = new ProviderQuota(List.of(), 0);

    public enum Dimension {
        REQUESTS,
        TOKENS
    }

    public enum Span {
        MINUTE,
        DAY
    }

    /**
     * One rate-limit window as the upstream reported it.
     *
     * @param limit the window's capacity, -1 when not reported
     * @param remaining what is left in it, never negative
     * @param resetAtEpochMillis when the upstream says it is whole again, -1 when not reported
     */
    public record Window(Dimension dimension, Span span, long limit, long remaining, long resetAtEpochMillis) {}

    public ProviderQuota {
        windows = List.copyOf(windows);
    }

    /**
     * Remaining capacity of a dimension in a span, -1 when no window reported it. The smallest wins
     * when several did (a provider may send the same window in two dialects): the ledger must honour
     * the tighter count.
     */
    public long remaining(Dimension dimension, Span span) {
        long smallest = -1;
        for (Window window : windows) {
            if (window.dimension() == dimension
                    && window.span() == span
                    && (smallest < 0 || window.remaining() < smallest)) {
                smallest = window.remaining();
            }
        }
        return smallest;
    }
}
