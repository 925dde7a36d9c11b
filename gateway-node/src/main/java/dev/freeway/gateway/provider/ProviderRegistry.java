package dev.freeway.gateway.provider;

import dev.freeway.gateway.config.ProviderConfig;
import java.util.HashMap;
import java.util.Map;

/**
 * The adapter of every configured platform (keys arrive per call, and a secret store may add them
 * later), built from an explicit map of wire format → factory in the
 * composition root (easier to follow than classpath scanning).
 */
public final class ProviderRegistry {
    private final Map<String, Provider> byId;

    private ProviderRegistry(Map<String, Provider> byId) {
        this.byId = byId;
    }

    public static ProviderRegistry build(Map<String, ProviderConfig> providers, Map<String, ProviderFactory> formats) {
        Map<String, Provider> byId = new HashMap<>();
        providers.forEach(
                (id, config) -> byId.put(id, formats.get(config.format()).create(id, config)));
        return new ProviderRegistry(Map.copyOf(byId));
    }

    public Provider get(String providerId) {
        return byId.get(providerId);
    }
}
