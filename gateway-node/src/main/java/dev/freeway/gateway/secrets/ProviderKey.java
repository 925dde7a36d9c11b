package dev.freeway.gateway.secrets;

/**
 * A provider credential and where it belongs.
 *
 * @param account fills {@code {account}} in the platform's base URL; null when it has none
 * @param quotaGroup the group whose limits the key draws on: its project when the operator named
 *     one, else the key's own fingerprint
 */
public record ProviderKey(Secret secret, String account, String quotaGroup) {

    public static ProviderKey of(String value, String account, String project) {
        Secret secret = Secret.of(value);
        return new ProviderKey(secret, account, project == null ? secret.fingerprint() : "project:" + project);
    }

    public static ProviderKey of(String value) {
        return of(value, null, null);
    }

    public String fingerprint() {
        return secret.fingerprint();
    }
}
