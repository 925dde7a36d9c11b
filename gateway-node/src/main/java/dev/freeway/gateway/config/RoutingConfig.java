package dev.freeway.gateway.config;

/**
 * Failover, penalty and stickiness settings.
 *
 * @param maxAttempts upstream calls per client request, failed ones included
 * @param totalTimeoutMs no new attempt starts after this much time has passed
 * @param penaltyDecaySeconds one penalty point decays per this many seconds
 * @param cooldownSeconds how long a 429 benches a key the first time; repeats double it
 * @param penaltyWeight score points a candidate sinks per penalty point
 * @param admissionTimeoutMs longest wait for the cluster on the request path (capacity, sticky pin,
 *     penalty write); past it the node admits from its local 1/N share and drops the pin
 * @param windowEdgeMs requests that come this close to the end of a provider's limit window wait
 *     for the next window and are admitted there, where the provider will count them
 */
public record RoutingConfig(
        Integer maxAttempts,
        Long totalTimeoutMs,
        Long penaltyDecaySeconds,
        Long cooldownSeconds,
        Integer penaltyWeight,
        Long stickyTtlSeconds,
        Long admissionTimeoutMs,
        Long windowEdgeMs) {

    public RoutingConfig {
        maxAttempts = maxAttempts == null ? 20 : maxAttempts;
        totalTimeoutMs = totalTimeoutMs == null ? 45_000L : totalTimeoutMs;
        penaltyDecaySeconds = penaltyDecaySeconds == null ? 120L : penaltyDecaySeconds;
        cooldownSeconds = cooldownSeconds == null ? 90L : cooldownSeconds;
        penaltyWeight = penaltyWeight == null ? 10 : penaltyWeight;
        stickyTtlSeconds = stickyTtlSeconds == null ? 1800L : stickyTtlSeconds;
        admissionTimeoutMs = admissionTimeoutMs == null ? 500L : admissionTimeoutMs;
        windowEdgeMs = windowEdgeMs == null ? 100L : windowEdgeMs;
    }

    public static RoutingConfig defaults() {
        return new RoutingConfig(null, null, null, null, null, null, null, null);
    }
}
