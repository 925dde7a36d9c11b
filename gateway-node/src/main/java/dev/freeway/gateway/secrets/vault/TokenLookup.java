package dev.freeway.gateway.secrets.vault;

import dev.freeway.gateway.secrets.Secret;
import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.response.LookupResponse;
import java.time.Duration;
import java.time.Instant;

/** The {@code token} method: the operator gave a token; lookup-self tells how long it lives. */
final class TokenLookup implements VaultLogin {
    private final Secret token;

    TokenLookup(Secret token) {
        this.token = token;
    }

    @Override
    public VaultLease logIn(VaultClients clients, Instant now) throws VaultCallException {
        Vault vault = clients.authenticated(token);
        LookupResponse self =
                clients.call("token lookup-self", () -> vault.auth().lookupSelf());
        return new VaultLease(token, now, Duration.ofSeconds(self.getTTL()), self.isRenewable());
    }

    @Override
    public boolean canLogInAgain() {
        return false;
    }

    @Override
    public String method() {
        return "token";
    }
}
