package dev.freeway.gateway.catalog;

import dev.freeway.gateway.config.GatewayConfig;
import dev.freeway.gateway.config.KeyConfig;
import dev.freeway.gateway.config.ProviderConfig;
import dev.freeway.gateway.secrets.KeySnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The catalog in use, rebuilt whenever the secret store's keys change: each provider serves with
 * its config keys plus the store's. A swap is one reference write, so a request plans against
 * either the old or the new key set, never a mix; requests in flight finish on the key they chose.
 */
public final class LiveCatalog implements Supplier<ModelCatalog> {
    private final GatewayConfig config;
    private volatile ModelCatalog current;

    public LiveCatalog(GatewayConfig config) {
        this.config = config;
        this.current = new ModelCatalog(config);
    }

    @Override
    public ModelCatalog get() {
        return current;
    }

    public void use(KeySnapshot snapshot) {
        Map<String, ProviderConfig> providers = new LinkedHashMap<>();
        config.providers().forEach((id, provider) -> providers.put(id, withKeys(provider, snapshot.keys(id))));
        current = new ModelCatalog(config.withProviders(providers));
    }

    private static ProviderConfig withKeys(ProviderConfig provider, List<KeyConfig> stored) {
        if (stored.isEmpty()) {
            return provider;
        }
        List<KeyConfig> keys = new ArrayList<>(provider.keys());
        keys.addAll(stored);
        return new ProviderConfig(
                provider.format(),
                provider.baseUrl(),
                keys,
                provider.headers(),
                provider.timeouts(),
                provider.name(),
                provider.status(),
                provider.statusNote(),
                provider.enabled(),
                provider.terms(),
                provider.request(),
                provider.limitScope(),
                provider.sharedLimits(),
                provider.dailyResetZone());
    }
}
