package dev.freeway.gateway.secrets.local;

import dev.freeway.gateway.config.KeyConfig;
import dev.freeway.gateway.config.LocalStoreConfig;
import dev.freeway.gateway.secrets.KeySnapshot;
import dev.freeway.gateway.secrets.KeySource;
import dev.freeway.gateway.secrets.KeySourceException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The encrypted local key store, the embedded default: read by a running node through
 * {@link #fetch()}, changed by the {@code keys} command and the admin API through
 * {@link KeyStoreAdmin}. Several processes may share the file; each sees the others' changes on
 * its next fetch.
 *
 * <p>The master key is looked up when the store is opened and again whenever it is still missing,
 * because {@code keys add} may create it after a node started with an empty store. It is generated
 * only by a write to a store that does not exist yet, so an existing store is never paired with a
 * new key.
 */
public final class LocalKeySource implements KeySource, KeyStoreAdmin {
    private static final String PROVIDER_ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    private final EncryptedKeyFile store;
    private final Map<String, String> env;
    private final Path keyFile;
    private final StoreLock lock;
    private final Clock clock;
    private MasterKey masterKey;
    private EncryptedKeyFile.Stamp seen;
    private KeySnapshot snapshot;

    LocalKeySource(EncryptedKeyFile store, Map<String, String> env, Path keyFile, Clock clock) {
        this.store = store;
        this.env = Map.copyOf(env);
        this.keyFile = keyFile;
        this.lock = new StoreLock(store.path());
        this.clock = clock;
        this.masterKey = MasterKey.find(this.env, keyFile).orElse(null);
    }

    /**
     * Opens the store {@code config} names, with the master key from {@code FREEWAY_MASTER_KEY} in
     * {@code env} or from {@code config.masterKeyFile()}.
     *
     * @throws LocalStoreException when the master key that is set is malformed or its file is
     *     readable by others
     */
    public static LocalKeySource open(LocalStoreConfig config, Map<String, String> env) {
        Path keyFile = Path.of(config.masterKeyFile());
        EncryptedKeyFile store = new EncryptedKeyFile(Path.of(config.file()), MasterKey.ENV + " or " + keyFile);
        return new LocalKeySource(store, env, keyFile, Clock.systemUTC());
    }

    /**
     * Re-reads the file only when its identity, time or size changed since the last fetch. A store
     * that is missing from the start is empty; one that disappears while in use is a failure, so
     * that a deleted file or an unmounted volume keeps the last keys serving instead of none.
     */
    @Override
    public synchronized KeySnapshot fetch() throws KeySourceException {
        try {
            EncryptedKeyFile.Stamp now = store.stamp();
            if (now == null && seen != null) {
                throw new KeySourceException("the key store " + store.path() + " was removed while in use; the keys"
                        + " read last stay in use until it is restored or the node restarts");
            }
            if (snapshot == null || !Objects.equals(now, seen)) {
                snapshot = read().toSnapshot();
                seen = now;
            }
            return snapshot;
        } catch (LocalStoreException e) {
            throw new KeySourceException(e.getMessage());
        }
    }

    @Override
    public String describe() {
        return "local key store " + store.path();
    }

    @Override
    public KeyEntry add(String provider, KeyConfig key) {
        checkProvider(provider);
        StoredKey added = StoredKey.of(key, clock.instant());
        return lock.around(() -> {
            StoreState current = read();
            List<StoredKey> existing = current.keys(provider);
            for (int i = 0; i < existing.size(); i++) {
                if (existing.get(i).sameValue(added)) {
                    throw new KeyChangeRefused(
                            KeyChangeRefused.Reason.DUPLICATE,
                            "this key is already stored for " + provider + " (index " + i + ")");
                }
            }
            store.write(keyForWriting(), current.withAdded(provider, added));
            return new KeyEntry(provider, existing.size(), added);
        });
    }

    @Override
    public Optional<KeyEntry> remove(String provider, String indexOrLast4) {
        checkProvider(provider);
        KeyRef ref = KeyRef.parse(indexOrLast4);
        return lock.around(() -> {
            StoreState current = read();
            Optional<KeyEntry> found = find(provider, current.keys(provider), ref);
            found.ifPresent(entry -> store.write(keyForWriting(), current.withoutIndex(provider, entry.index())));
            return found;
        });
    }

    @Override
    public Map<String, List<StoredKey>> list() {
        return read().providers();
    }

    private static Optional<KeyEntry> find(String provider, List<StoredKey> keys, KeyRef ref) {
        if (ref.byIndex()) {
            return ref.index() < keys.size()
                    ? Optional.of(new KeyEntry(provider, ref.index(), keys.get(ref.index())))
                    : Optional.empty();
        }
        KeyEntry match = null;
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).endsWith(ref.last4())) {
                if (match != null) {
                    throw new KeyChangeRefused(
                            KeyChangeRefused.Reason.AMBIGUOUS,
                            "more than one " + provider + " key ends in " + ref.last4() + "; remove it by index");
                }
                match = new KeyEntry(provider, i, keys.get(i));
            }
        }
        return Optional.ofNullable(match);
    }

    private synchronized StoreState read() {
        if (!store.exists()) {
            return StoreState.EMPTY;
        }
        MasterKey key = currentKey();
        if (key == null) {
            throw new LocalStoreException("the key store " + store.path() + " exists but there is no master key:"
                    + " set " + MasterKey.ENV + " or restore " + keyFile + " (the key it was written with)");
        }
        return store.read(key);
    }

    private synchronized MasterKey keyForWriting() {
        MasterKey key = currentKey();
        if (key == null) {
            // Only reached when the store does not exist yet: read() refuses a store without its key.
            masterKey = MasterKey.createIn(keyFile);
        }
        return masterKey;
    }

    private MasterKey currentKey() {
        if (masterKey == null) {
            masterKey = MasterKey.find(env, keyFile).orElse(null);
        }
        return masterKey;
    }

    private static void checkProvider(String provider) {
        if (provider == null || !provider.matches(PROVIDER_ID)) {
            throw new KeyChangeRefused(
                    KeyChangeRefused.Reason.INVALID,
                    "a provider id is 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }
}
