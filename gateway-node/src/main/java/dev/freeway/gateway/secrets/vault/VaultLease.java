package dev.freeway.gateway.secrets.vault;

import dev.freeway.gateway.secrets.Secret;
import java.time.Duration;
import java.time.Instant;

/**
 * A Vault token and what Vault said about its life when it was issued, renewed or looked up.
 *
 * @param token null when a Vault Agent owns the token ({@code agent} method)
 * @param obtainedAt when this node asked, by its own clock (taken before the call, so the lease is
 *     never thought to last longer than it does)
 * @param ttl the time to live Vault reported; zero for a token that never expires (a root token)
 */
record VaultLease(Secret token, Instant obtainedAt, Duration ttl, boolean renewable) {

    /** Two thirds of the TTL have passed: renew now, while a failed renewal still leaves time. */
    boolean renewalDue(Instant now) {
        return expires() && !now.isBefore(obtainedAt.plus(ttl.multipliedBy(2).dividedBy(3)));
    }

    boolean expired(Instant now) {
        return expires() && !now.isBefore(expiresAt());
    }

    /** {@link Instant#MAX} for a token that never expires. */
    Instant expiresAt() {
        return expires() ? obtainedAt.plus(ttl) : Instant.MAX;
    }

    private boolean expires() {
        return !ttl.isZero();
    }

    @Override
    public String toString() {
        return "VaultLease[ttl=" + ttl + ", renewable=" + renewable + ", obtainedAt=" + obtainedAt + "]";
    }
}
