package dev.freeway.gateway.config;

/**
 * HashiCorp Vault, KV v2: {@code <kv_mount>/data/<path>/<provider>} holds a field {@code keys},
 * a list of keys (strings, or objects {@code {value, account, project}}).
 *
 * @param refresh how often keys are re-read: {@code 60s}, {@code 2m}, or seconds
 * @param timeoutMs connect and read timeout of every Vault call (the driver has none by default)
 * @param namespace Vault Enterprise namespace, if any
 */
public record VaultSettings(
        String address,
        VaultAuthConfig auth,
        String kvMount,
        String path,
        String refresh,
        Long timeoutMs,
        String namespace) {

    public VaultSettings {
        kvMount = kvMount == null ? "secret" : kvMount;
        path = path == null ? "freeway/providers" : path;
        refresh = refresh == null ? "60s" : refresh;
        timeoutMs = timeoutMs == null ? 5_000L : timeoutMs;
    }

    /** The refresh interval in milliseconds; -1 when it is not a duration. */
    public long refreshMillis() {
        String value = refresh.trim();
        try {
            if (value.endsWith("ms")) {
                return Long.parseLong(value.substring(0, value.length() - 2));
            }
            if (value.endsWith("s")) {
                return Long.parseLong(value.substring(0, value.length() - 1)) * 1_000;
            }
            if (value.endsWith("m")) {
                return Long.parseLong(value.substring(0, value.length() - 1)) * 60_000;
            }
            return Long.parseLong(value) * 1_000;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
