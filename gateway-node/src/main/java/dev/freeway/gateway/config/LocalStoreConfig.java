package dev.freeway.gateway.config;

/**
 * The encrypted local key store (AES-256-GCM).
 *
 * @param file the store; created by the first {@code keys add}
 * @param masterKeyFile where a generated master key is kept (mode 0600) when
 *     {@code FREEWAY_MASTER_KEY} is not set
 * @param refreshSeconds how often a running node re-reads the file, so keys added or removed by
 *     the command take effect without a restart
 */
public record LocalStoreConfig(String file, String masterKeyFile, Long refreshSeconds) {
    public LocalStoreConfig {
        String home = System.getProperty("user.home");
        file = file == null ? home + "/.freeway/keys.enc" : file;
        masterKeyFile = masterKeyFile == null ? home + "/.freeway/master.key" : masterKeyFile;
        refreshSeconds = refreshSeconds == null ? 5L : refreshSeconds;
    }

    public static LocalStoreConfig defaults() {
        return new LocalStoreConfig(null, null, null);
    }
}
