package dev.freeway.gateway.config;

/**
 * How a node logs in to Vault.
 *
 * @param method {@code token}, {@code approle}, {@code kubernetes} or {@code agent} (a Vault Agent
 *     beside the node logs in and adds its token to what it proxies: the node sends none)
 * @param jwtPath the service-account token file, re-read at every login (projected tokens rotate);
 *     default {@code /var/run/secrets/kubernetes.io/serviceaccount/token}
 * @param mount the auth method's mount path; default the method's name
 */
public record VaultAuthConfig(
        String method, String token, String roleId, String secretId, String role, String jwtPath, String mount) {

    public VaultAuthConfig {
        method = method == null ? "token" : method;
        jwtPath = jwtPath == null ? "/var/run/secrets/kubernetes.io/serviceaccount/token" : jwtPath;
    }

    @Override
    public String toString() {
        return "VaultAuthConfig[method=" + method + ", role=" + role + ", mount=" + mount + "]";
    }
}
