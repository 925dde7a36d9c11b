package dev.freeway.gateway.secrets.vault;

import io.github.jopenlibs.vault.response.AuthResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The {@code kubernetes} method: the pod's service-account JWT, posted with the role to
 * {@code auth/<mount>/login}. The JWT file is read at every login because projected tokens are
 * short-lived and the kubelet rewrites the file while the pod runs.
 */
final class KubernetesLogin implements VaultLogin {
    private final String mount;
    private final String role;
    private final Path jwtPath;
    private final TokenFileReader reader;

    KubernetesLogin(String mount, String role, Path jwtPath, TokenFileReader reader) {
        this.mount = mount;
        this.role = role;
        this.jwtPath = jwtPath;
        this.reader = reader;
    }

    @Override
    public VaultLease logIn(VaultClients clients, Instant now) throws VaultCallException {
        String call = "kubernetes login auth/" + mount + "/login";
        String jwt = readJwt(call);
        // The driver's three-argument form posts to /v1/<third argument>/login, without "auth/".
        AuthResponse response =
                clients.call(call, () -> clients.anonymous().auth().loginByKubernetes(role, jwt, "auth/" + mount));
        return VaultLogin.lease(response, now, call);
    }

    private String readJwt(String call) throws VaultCallException {
        String jwt;
        try {
            jwt = reader.read(jwtPath);
        } catch (IOException | RuntimeException e) {
            throw VaultCallException.local(call + ": cannot read the service-account token " + jwtPath + " ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (jwt == null || jwt.isBlank()) {
            throw VaultCallException.local(call + ": the service-account token " + jwtPath + " is empty");
        }
        return jwt;
    }

    @Override
    public boolean canLogInAgain() {
        return true;
    }

    @Override
    public String method() {
        return "kubernetes";
    }
}
