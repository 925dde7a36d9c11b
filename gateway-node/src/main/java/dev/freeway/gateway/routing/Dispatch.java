package dev.freeway.gateway.routing;

import dev.freeway.gateway.provider.Provider;
import dev.freeway.gateway.provider.ProviderCall;
import io.vertx.core.Future;

/** One upstream attempt in one mode (a complete answer, or a stream that has started). */
@FunctionalInterface
public interface Dispatch<T> {
    Future<T> call(Provider provider, ProviderCall call);
}
