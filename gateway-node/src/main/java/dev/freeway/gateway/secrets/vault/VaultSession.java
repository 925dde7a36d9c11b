package dev.freeway.gateway.secrets.vault;

import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.response.AuthResponse;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a usable Vault token: logs in on first use, renews once two thirds of the TTL have
 * passed (checked at each fetch, by the injected clock), and logs in again when renewal fails or
 * no longer extends the token, which is what reaching the max TTL looks like. The {@code token}
 * method cannot log in again, so there the failure is reported instead, a third of the TTL before
 * the token runs out.
 *
 * <p>Not thread-safe: the key source calls it one fetch at a time.
 */
final class VaultSession {
    private static final Logger LOG = LoggerFactory.getLogger(VaultSession.class);

    private final VaultLogin login;
    private final VaultClients clients;
    private final Clock clock;
    private VaultLease lease;
    private Vault vault;

    VaultSession(VaultLogin login, VaultClients clients, Clock clock) {
        this.login = login;
        this.clients = clients;
        this.clock = clock;
    }

    /** A driver carrying a token that is valid now, by this node's clock. */
    Vault current() throws VaultCallException {
        Instant now = clock.instant();
        if (lease == null) {
            adopt(login.logIn(clients, now));
            LOG.info("vault: authenticated with {}; {}", login.method(), lease);
        } else if (lease.renewalDue(now)) {
            refresh(now);
        }
        return vault;
    }

    boolean canLogInAgain() {
        return login.canLogInAgain();
    }

    /** After Vault refused the token: a new one, whatever this node thought of the old one. */
    Vault logInAgain() throws VaultCallException {
        adopt(login.logIn(clients, clock.instant()));
        LOG.info("vault: token refused; {} login succeeded; {}", login.method(), lease);
        return vault;
    }

    private void refresh(Instant now) throws VaultCallException {
        String problem;
        if (lease.expired(now)) {
            problem = "has expired";
        } else if (!lease.renewable()) {
            problem = "is not renewable";
        } else {
            try {
                VaultLease renewed = renew(now);
                if (renewed.expiresAt().isAfter(lease.expiresAt())) {
                    adopt(renewed);
                    LOG.debug("vault: token renewed; {}", lease);
                    return;
                }
                problem = "has reached its max TTL (renewal no longer extends it)";
            } catch (VaultCallException e) {
                problem = "could not be renewed: " + e.getMessage();
            }
        }
        if (!login.canLogInAgain()) {
            throw VaultCallException.local("vault token " + problem
                    + "; the token auth method cannot log in again, give the node a new token");
        }
        LOG.info("vault: token {}; logging in again with {}", problem, login.method());
        adopt(login.logIn(clients, now));
    }

    private VaultLease renew(Instant now) throws VaultCallException {
        String call = "token renew-self";
        Vault renewing = vault;
        AuthResponse response = clients.call(call, () -> renewing.auth().renewSelf());
        VaultLease renewed = VaultLogin.lease(response, now, call);
        // Renewal extends the same token; keep the instance the driver was built with.
        return new VaultLease(lease.token(), now, renewed.ttl(), renewed.renewable());
    }

    private void adopt(VaultLease fresh) {
        if (fresh.token() == null) {
            vault = clients.anonymous();
        } else if (lease == null
                || !lease.token().fingerprint().equals(fresh.token().fingerprint())) {
            vault = clients.authenticated(fresh.token());
        }
        lease = fresh;
    }
}
