package dev.freeway.gateway.secrets;

import dev.freeway.gateway.config.KeyConfig;
import java.util.List;
import java.util.Map;

/**
 * Every provider key a secret store holds at one moment, by provider id. Held in this node's
 * memory only: never written to Hazelcast, logs or disk in the clear.
 *
 * @param version what the store calls this state (Vault: the KV versions read; local store: the
 *     file's revision), for logs such as "version 7 is active" that never name a key
 */
public record KeySnapshot(Map<String, List<KeyConfig>> keys, String version) {

    public KeySnapshot {
        keys = Map.copyOf(keys);
    }

    public static KeySnapshot empty() {
        return new KeySnapshot(Map.of(), "none");
    }

    public List<KeyConfig> keys(String provider) {
        return keys.getOrDefault(provider, List.of());
    }

    @Override
    public String toString() {
        return "KeySnapshot[providers=" + keys.keySet() + ", version=" + version + "]";
    }
}
