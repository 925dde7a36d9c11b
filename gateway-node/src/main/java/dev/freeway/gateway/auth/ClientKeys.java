package dev.freeway.gateway.auth;

import dev.freeway.gateway.config.ClientKeyConfig;
import dev.freeway.gateway.logging.KnownSecrets;
import dev.freeway.gateway.secrets.Secret;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Client keys held only as SHA-256 digests. A presented key is hashed and compared with every
 * stored digest using {@link MessageDigest#isEqual}, without stopping at the first match, so the
 * time taken does not depend on which key (if any) matched. Keys are high-entropy, so a fast hash
 * is enough.
 */
public final class ClientKeys {
    private record Entry(byte[] digest, Team team) {}

    private final List<Entry> entries;

    private ClientKeys(List<Entry> entries) {
        this.entries = entries;
    }

    public static ClientKeys from(List<ClientKeyConfig> configs) {
        configs.forEach(c -> KnownSecrets.register(c.key()));
        return new ClientKeys(configs.stream()
                .map(c -> new Entry(digestOf(c), new Team(c.team())))
                .toList());
    }

    public Optional<Team> authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.isEmpty()) {
            return Optional.empty();
        }
        byte[] digest = Secret.sha256(presentedKey);
        Team found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.digest, digest)) {
                found = entry.team;
            }
        }
        return Optional.ofNullable(found);
    }

    public int size() {
        return entries.size();
    }

    private static byte[] digestOf(ClientKeyConfig config) {
        return config.hash() != null && !config.hash().isEmpty()
                ? HexFormat.of().parseHex(config.hash().substring("sha256:".length()))
                : Secret.sha256(config.key());
    }
}
