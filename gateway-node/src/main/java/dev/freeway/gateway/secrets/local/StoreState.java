package dev.freeway.gateway.secrets.local;

import dev.freeway.gateway.config.KeyConfig;
import dev.freeway.gateway.secrets.KeySnapshot;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the store file holds, decrypted: the keys by provider id (sorted, so the file and the
 * listings are stable) and a revision that every write increments.
 *
 * @param revision 0 for a store never written
 */
record StoreState(long revision, Map<String, List<StoredKey>> providers) {
    static final StoreState EMPTY = new StoreState(0, Map.of());

    StoreState {
        TreeMap<String, List<StoredKey>> copy = new TreeMap<>();
        providers.forEach((id, keys) -> {
            if (!keys.isEmpty()) {
                copy.put(id, List.copyOf(keys));
            }
        });
        providers = Collections.unmodifiableMap(copy);
    }

    List<StoredKey> keys(String provider) {
        return providers.getOrDefault(provider, List.of());
    }

    StoreState withAdded(String provider, StoredKey key) {
        List<StoredKey> keys = new ArrayList<>(keys(provider));
        keys.add(key);
        return with(provider, keys);
    }

    StoreState withoutIndex(String provider, int index) {
        List<StoredKey> keys = new ArrayList<>(keys(provider));
        keys.remove(index);
        return with(provider, keys);
    }

    KeySnapshot toSnapshot() {
        Map<String, List<KeyConfig>> keys = new TreeMap<>();
        providers.forEach((id, stored) ->
                keys.put(id, stored.stream().map(StoredKey::toConfig).toList()));
        return new KeySnapshot(keys, Long.toString(revision));
    }

    private StoreState with(String provider, List<StoredKey> keys) {
        Map<String, List<StoredKey>> next = new TreeMap<>(providers);
        next.put(provider, keys);
        return new StoreState(revision + 1, next);
    }
}
