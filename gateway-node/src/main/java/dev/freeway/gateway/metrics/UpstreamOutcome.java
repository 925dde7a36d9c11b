package dev.freeway.gateway.metrics;

import java.util.Locale;

/** How one upstream call ended, as {@code freeway_upstream_attempts_total} labels it. */
public enum UpstreamOutcome {
    /** The provider answered. */
    OK,
    /** The provider said a rate limit or quota ran out (429 and its equivalents). */
    RATE_LIMITED,
    /** Any other retryable failure: 5xx, overload, timeout, connection, malformed answer, refused key. */
    FAILED,
    /** The provider refused the request itself (a client 4xx): passed through, no failover. */
    REJECTED;

    final String label = name().toLowerCase(Locale.ROOT);
}
