package dev.freeway.gateway.provider;

import dev.freeway.gateway.secrets.ProviderKey;

/**
 * A platform's base URL, trimmed once: {@code {account}} is filled from each key (Cloudflare's
 * account-scoped API). Built per provider, not per request, since it runs on every call.
 */
public final class PlatformUrl {
    private static final String ACCOUNT = "{account}";

    private final String base;
    private final boolean perAccount;

    public PlatformUrl(String baseUrl) {
        this.base = baseUrl.replaceAll("/+$", "");
        this.perAccount = base.contains(ACCOUNT);
    }

    public String of(ProviderKey key, String path) {
        if (!perAccount) {
            return base + path;
        }
        return base.replace(ACCOUNT, key.account() == null ? "" : key.account()) + path;
    }
}
