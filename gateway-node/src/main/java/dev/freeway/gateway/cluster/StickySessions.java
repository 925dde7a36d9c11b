package dev.freeway.gateway.cluster;

import io.vertx.core.Future;
import java.util.Optional;

/**
 * Conversation → the {@code provider/model} that served it last, for a TTL measured on the injected
 * clock. Session keys are hashes, never conversation text. Futures complete on the caller's context.
 */
public interface StickySessions {

    Future<Optional<String>> lookup(String sessionHash);

    Future<Void> pin(String sessionHash, String target);
}
