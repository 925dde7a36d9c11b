package dev.freeway.gateway.secrets;

import dev.freeway.gateway.config.SecretsConfig;
import dev.freeway.gateway.secrets.local.LocalKeySource;
import java.time.Clock;
import java.util.Optional;

/** The key source a config names, if any: the composition root's one place for the choice. */
public final class KeySources {
    private KeySources() {}

    /** Empty when keys come from the config file only. */
    public static Optional<KeySource> create(SecretsConfig secrets, Clock clock) {
        return switch (secrets.source()) {
            case "none" -> Optional.empty();
            case "local" -> Optional.of(LocalKeySource.open(secrets.local(), System.getenv()));
            default -> throw new IllegalStateException("secrets.source " + secrets.source() + " is not built in yet");
        };
    }

    /** How often the source is re-read. */
    public static long refreshMillis(SecretsConfig secrets) {
        return "vault".equals(secrets.source())
                ? secrets.vault().refreshMillis()
                : secrets.local().refreshSeconds() * 1_000;
    }
}
