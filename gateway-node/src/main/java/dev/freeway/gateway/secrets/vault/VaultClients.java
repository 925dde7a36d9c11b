package dev.freeway.gateway.secrets.vault;

import dev.freeway.gateway.config.VaultSettings;
import dev.freeway.gateway.secrets.Secret;
import io.github.jopenlibs.vault.EnvironmentLoader;
import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultConfig;
import io.github.jopenlibs.vault.VaultException;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * Builds vault-java-driver instances from this node's settings: KV engine 2, no driver retries
 * (the refresher backs off on its own), explicit timeouts, the namespace if any, and one shared
 * HTTP client. The driver fixes the token at build time, so there is one instance per token.
 */
final class VaultClients {
    /** The node's config is the only source: a stray VAULT_TOKEN or VAULT_ADDR must not fill gaps. */
    private static final EnvironmentLoader NO_ENVIRONMENT = new EnvironmentLoader() {
        @Override
        public String loadVariable(String name) {
            return null;
        }
    };

    private final VaultSettings settings;
    private final String kvMount;
    private final Duration timeout;
    private final HttpClient http;
    private final Vault anonymous;

    VaultClients(VaultSettings settings) {
        this.settings = settings;
        this.kvMount = trimSlashes(settings.kvMount());
        if (kvMount.isEmpty()) {
            throw new IllegalArgumentException("secrets.vault.kv_mount: must not be empty");
        }
        this.timeout = Duration.ofMillis(settings.timeoutMs());
        this.http = new DeadlineHttpClient(timeout);
        this.anonymous = create(null);
    }

    /** For login calls, which carry no token. */
    Vault anonymous() {
        return anonymous;
    }

    Vault authenticated(Secret token) {
        return create(token.reveal());
    }

    /** Runs one driver call; whatever it throws comes back rephrased, without its message. */
    <T> T call(String name, DriverCall<T> call) throws VaultCallException {
        try {
            return call.run();
        } catch (VaultException | RuntimeException e) {
            throw VaultCallException.from(name, e, timeout);
        }
    }

    String kvMount() {
        return kvMount;
    }

    /** One call into vault-java-driver. */
    @FunctionalInterface
    interface DriverCall<T> {
        T run() throws VaultException;
    }

    static String trimSlashes(String path) {
        String trimmed = path.strip();
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    private Vault create(String token) {
        // The driver counts timeouts in whole seconds; DeadlineHttpClient enforces the exact
        // milliseconds, and these rounded-up values bound any call that bypasses that client.
        int seconds = (int) Math.max(1, (settings.timeoutMs() + 999) / 1_000);
        try {
            VaultConfig config = new VaultConfig()
                    .environmentLoader(NO_ENVIRONMENT)
                    .address(settings.address())
                    .engineVersion(2)
                    .prefixPath(kvMount)
                    .openTimeout(seconds)
                    .readTimeout(seconds)
                    .httpClient(http)
                    .token(token);
            if (settings.namespace() != null && !settings.namespace().isBlank()) {
                config.nameSpace(settings.namespace());
            }
            return Vault.create(config.build(), 2).withRetries(0, 0);
        } catch (VaultException e) {
            throw new IllegalArgumentException("secrets.vault: address and namespace must be set and non-empty");
        }
    }
}
