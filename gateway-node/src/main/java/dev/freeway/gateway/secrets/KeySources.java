package dev.freeway.gateway.secrets;

import dev.freeway.gateway.config.SecretsConfig;
import dev.freeway.gateway.logging.KnownSecrets;
import dev.freeway.gateway.secrets.local.LocalKeySource;
import dev.freeway.gateway.secrets.vault.TokenFileReader;
import dev.freeway.gateway.secrets.vault.VaultKeySource;
import java.time.Clock;
import java.util.Optional;

/** The key source a config names, if any: the composition root's one place for the choice. */
public final class KeySources {
    private KeySources() {}

    /**
     * Empty when keys come from the config file only.
     *
     * @throws IllegalStateException when the local store cannot be opened (wrong master key)
     */
    public static Optional<KeySource> create(SecretsConfig secrets, Clock clock) {
        return switch (secrets.source()) {
            case "none" -> Optional.empty();
            case "local" -> Optional.of(readable(LocalKeySource.open(secrets.local(), System.getenv())));
            case "vault" -> {
                KnownSecrets.register(secrets.vault().auth().token());
                KnownSecrets.register(secrets.vault().auth().secretId());
                yield Optional.of(new VaultKeySource(secrets.vault(), clock, TokenFileReader.fromDisk()));
            }
            default -> throw new IllegalArgumentException("secrets.source: unknown " + secrets.source());
        };
    }

    /**
     * The local store is read once before start-up goes on: a wrong master key must stop the node
     * with its message, not start it without keys. (Vault is different: an unreachable Vault
     * leaves the node running but unready until the first read succeeds.)
     */
    private static LocalKeySource readable(LocalKeySource store) {
        try {
            store.fetch();
            return store;
        } catch (KeySourceException e) {
            throw new IllegalStateException(e.getMessage());
        }
    }

    /** How often the source is re-read. */
    public static long refreshMillis(SecretsConfig secrets) {
        return "vault".equals(secrets.source())
                ? secrets.vault().refreshMillis()
                : secrets.local().refreshSeconds() * 1_000;
    }
}
