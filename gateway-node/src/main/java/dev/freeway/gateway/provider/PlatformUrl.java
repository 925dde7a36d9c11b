package dev.freeway.gateway.provider;

import dev.freeway.gateway.secrets.ProviderKey;

/** A platform's base URL for one key: {@code {account}} filled from the key (Cloudflare's account-scoped API). */
public final class PlatformUrl {
    private static final String ACCOUNT = "{account}";

    private PlatformUrl() {}

    public static String of(String baseUrl, ProviderKey key, String path) {
        String base = baseUrl.replaceAll("/+$", "");
        if (base.contains(ACCOUNT)) {
            base = base.replace(ACCOUNT, key.account() == null ? "" : key.account());
        }
        return base + path;
    }
}
