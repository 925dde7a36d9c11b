package dev.freeway.gateway.secrets.vault;

import dev.freeway.gateway.secrets.Secret;
import io.github.jopenlibs.vault.response.AuthResponse;
import java.time.Instant;

/** The {@code approle} method: role_id plus secret_id, posted to {@code auth/<mount>/login}. */
final class AppRoleLogin implements VaultLogin {
    private final String mount;
    private final String roleId;
    private final Secret secretId;

    AppRoleLogin(String mount, String roleId, Secret secretId) {
        this.mount = mount;
        this.roleId = roleId;
        this.secretId = secretId;
    }

    @Override
    public VaultLease logIn(VaultClients clients, Instant now) throws VaultCallException {
        String call = "approle login auth/" + mount + "/login";
        AuthResponse response =
                clients.call(call, () -> clients.anonymous().auth().loginByAppRole(mount, roleId, secretId.reveal()));
        return VaultLogin.lease(response, now, call);
    }

    @Override
    public boolean canLogInAgain() {
        return true;
    }

    @Override
    public String method() {
        return "approle";
    }
}
