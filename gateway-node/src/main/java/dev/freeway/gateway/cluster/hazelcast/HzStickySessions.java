package dev.freeway.gateway.cluster.hazelcast;

import com.hazelcast.map.IMap;
import dev.freeway.gateway.cluster.StickySessions;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Sticky pins as {@code "<expiresAtMillis> <provider/model>"}. The expiry inside the value follows
 * the injected clock (so tests control it); the map's own TTL only garbage-collects old entries.
 */
final class HzStickySessions implements StickySessions {
    private final IMap<String, String> map;
    private final Clock clock;
    private final long ttlMillis;

    HzStickySessions(IMap<String, String> map, Clock clock, long ttlMillis) {
        this.map = map;
        this.clock = clock;
        this.ttlMillis = ttlMillis;
    }

    @Override
    public Future<Optional<String>> lookup(String sessionHash) {
        return FutureBridge.toVertx(map.getAsync(sessionHash)).map(this::parse);
    }

    @Override
    public Future<Void> pin(String sessionHash, String target) {
        String value = (clock.millis() + ttlMillis) + " " + target;
        return FutureBridge.toVertx(map.setAsync(sessionHash, value, ttlMillis, TimeUnit.MILLISECONDS));
    }

    private Optional<String> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        int space = value.indexOf(' ');
        long expiresAt = Long.parseLong(value.substring(0, space));
        return expiresAt > clock.millis() ? Optional.of(value.substring(space + 1)) : Optional.empty();
    }
}
