package dev.freeway.gateway.config;

/**
 * Where provider keys come from besides {@code providers.<id>.keys}.
 *
 * @param source {@code none} (the config file only), {@code local} (the encrypted local key
 *     store, the laptop default) or {@code vault}
 */
public record SecretsConfig(String source, LocalStoreConfig local, VaultSettings vault) {
    public SecretsConfig {
        source = source == null ? "none" : source;
        local = local == null ? LocalStoreConfig.defaults() : local;
    }

    public static SecretsConfig defaults() {
        return new SecretsConfig(null, null, null);
    }
}
