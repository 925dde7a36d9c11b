package dev.freeway.gateway.secrets.vault;

import java.time.Duration;
import java.time.Instant;

/**
 * The {@code agent} method: a Vault Agent beside the node (Kubernetes injector sidecar, cache
 * listener with {@code use_auto_auth_token = force}) logs in, renews, and adds its own token to
 * every request it proxies. The node therefore holds no Vault credential at all: it never logs in,
 * never renews and sends no {@code X-Vault-Token}. The lease never expires from the node's point of
 * view, and a 403 is reported rather than answered with a login, since only the agent can fix it.
 */
final class AgentOwnedToken implements VaultLogin {

    @Override
    public VaultLease logIn(VaultClients clients, Instant now) {
        return new VaultLease(null, now, Duration.ZERO, false);
    }

    @Override
    public boolean canLogInAgain() {
        return false;
    }

    @Override
    public String method() {
        return "agent";
    }
}
