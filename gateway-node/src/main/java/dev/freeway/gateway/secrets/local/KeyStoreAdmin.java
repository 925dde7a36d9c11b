package dev.freeway.gateway.secrets.local;

import dev.freeway.gateway.config.KeyConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Changes to a key store that an operator makes: the {@code keys} command and the admin API.
 * Only stores the gateway itself may write implement it (the local store; not Vault, whose keys
 * are changed in Vault).
 *
 * <p>Threading: every method blocks on disk (and {@code fsync}); call it from a worker thread,
 * never an event loop. Changes from several threads or processes are serialised by the store.
 *
 * <p>Errors: {@link KeyChangeRefused} when the request itself is wrong (malformed, duplicate,
 * ambiguous); {@link LocalStoreException} when the store cannot be read or written (wrong master
 * key, permissions, disk). Neither message ever contains a key.
 */
public interface KeyStoreAdmin {

    /**
     * Appends a key to a provider's list.
     *
     * @return where it was stored
     */
    KeyEntry add(String provider, KeyConfig key);

    /**
     * Removes one key of a provider.
     *
     * @param indexOrLast4 the index {@link #list()} gives (0, 1, ...) or the key's last four
     *     characters, optionally after {@code …}
     * @return the removed key, or empty when none matches
     */
    Optional<KeyEntry> remove(String provider, String indexOrLast4);

    /** Every stored key by provider id (sorted), each list in index order; read afresh from the store. */
    Map<String, List<StoredKey>> list();
}
