package dev.freeway.gateway.secrets.vault;

import dev.freeway.gateway.config.VaultAuthConfig;
import dev.freeway.gateway.secrets.Secret;
import io.github.jopenlibs.vault.response.AuthResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** How this node obtains a Vault token: one implementation per configured auth method. */
interface VaultLogin {

    /**
     * A fresh lease. For the {@code token} method this looks the configured token up instead, to
     * learn its TTL.
     */
    VaultLease logIn(VaultClients clients, Instant now) throws VaultCallException;

    /** False for the {@code token} method: nothing can replace a token that has run out. */
    boolean canLogInAgain();

    /** The method name, for logs and messages. */
    String method();

    static VaultLogin from(VaultAuthConfig auth, TokenFileReader jwtReader) {
        return switch (auth.method()) {
            case "token" -> new TokenLookup(Secret.of(auth.token()));
            case "approle" -> new AppRoleLogin(mount(auth, "approle"), auth.roleId(), Secret.of(auth.secretId()));
            case "kubernetes" ->
                new KubernetesLogin(mount(auth, "kubernetes"), auth.role(), Path.of(auth.jwtPath()), jwtReader);
            case "agent" -> new AgentOwnedToken();
            default ->
                throw new IllegalArgumentException(
                        "secrets.vault.auth.method: must be token, approle, kubernetes or agent");
        };
    }

    /** The lease in a login or renew-self answer; Vault puts both under {@code auth}. */
    static VaultLease lease(AuthResponse response, Instant now, String call) throws VaultCallException {
        if (response.getRestResponse().getStatus() != 200) {
            throw VaultCallException.status(call, response.getRestResponse().getStatus());
        }
        String token = response.getAuthClientToken();
        if (token == null || token.isEmpty()) {
            throw VaultCallException.malformed(call, "no auth.client_token");
        }
        return new VaultLease(
                Secret.of(token), now, Duration.ofSeconds(response.getAuthLeaseDuration()), response.isAuthRenewable());
    }

    private static String mount(VaultAuthConfig auth, String fallback) {
        return auth.mount() == null || auth.mount().isBlank() ? fallback : VaultClients.trimSlashes(auth.mount());
    }
}
