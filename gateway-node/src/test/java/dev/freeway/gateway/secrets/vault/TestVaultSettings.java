package dev.freeway.gateway.secrets.vault;

import dev.freeway.gateway.config.VaultAuthConfig;
import dev.freeway.gateway.config.VaultSettings;
import dev.freeway.gateway.testing.VaultHttpDouble;

/**
 * Settings for a key source pointed at a {@link VaultHttpDouble}. The deadline is generous because
 * a cold JVM on a shared runner can take longer than 300 ms for its first call; the tests about
 * deadlines set 300 ms themselves.
 */
final class TestVaultSettings {
    static final long TIMEOUT_MS = 5_000;

    private TestVaultSettings() {}

    static VaultSettings settings(VaultHttpDouble vault, VaultAuthConfig auth) {
        return settings(vault, auth, TIMEOUT_MS);
    }

    static VaultSettings settings(VaultHttpDouble vault, VaultAuthConfig auth, long timeoutMs) {
        return new VaultSettings(vault.address(), auth, null, null, null, timeoutMs, null);
    }

    static VaultAuthConfig token(String token) {
        return new VaultAuthConfig("token", token, null, null, null, null, null);
    }

    static VaultAuthConfig appRole(String roleId, String secretId) {
        return new VaultAuthConfig("approle", null, roleId, secretId, null, null, null);
    }

    static VaultAuthConfig kubernetes(String role, String jwtPath) {
        return new VaultAuthConfig("kubernetes", null, null, null, role, jwtPath, null);
    }
}
