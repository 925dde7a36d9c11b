package dev.freeway.gateway.config;

/**
 * Upstream timeouts in milliseconds.
 *
 * @param connectMs TCP (and TLS) connect
 * @param firstByteMs from sending the request until the response starts
 * @param idleMs longest silence inside a streamed response
 */
public record TimeoutsConfig(Long connectMs, Long firstByteMs, Long idleMs) {
    public TimeoutsConfig {
        connectMs = connectMs == null ? 5_000L : connectMs;
        firstByteMs = firstByteMs == null ? 30_000L : firstByteMs;
        idleMs = idleMs == null ? 30_000L : idleMs;
    }

    public static TimeoutsConfig defaults() {
        return new TimeoutsConfig(null, null, null);
    }
}
