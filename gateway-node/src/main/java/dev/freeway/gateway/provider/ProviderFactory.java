package dev.freeway.gateway.provider;

import dev.freeway.gateway.config.ProviderConfig;

/** Builds the adapter of one wire format for one configured platform. */
@FunctionalInterface
public interface ProviderFactory {
    Provider create(String providerId, ProviderConfig config);
}
