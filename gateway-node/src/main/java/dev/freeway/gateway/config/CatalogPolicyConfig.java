package dev.freeway.gateway.config;

import java.util.List;

/**
 * How the shipped catalog applies.
 *
 * @param enabled false = only the platforms and models this config declares
 * @param excludeTerms platforms whose free-tier terms match any of these {@code field:value}
 *     pairs do not serve (for example {@code shared_use:forbidden}, {@code production:evaluation_only},
 *     {@code trains_on_prompts:yes}): a shared deployment can stay within each platform's terms
 */
public record CatalogPolicyConfig(Boolean enabled, List<String> excludeTerms) {
    public CatalogPolicyConfig {
        enabled = enabled == null || enabled;
        excludeTerms = excludeTerms == null ? List.of() : List.copyOf(excludeTerms);
    }

    public static CatalogPolicyConfig defaults() {
        return new CatalogPolicyConfig(null, null);
    }
}
