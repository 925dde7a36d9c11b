package dev.freeway.gateway.routing;

import dev.freeway.gateway.cluster.StickySessions;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes sticky pins without letting them pile up. Pins are written after the answer, off the
 * request path, so nothing else bounds them: a pin this node wrote recently for the same target
 * is not written again, and when the cluster falls behind, pins are dropped rather than queued
 * (stickiness is a preference, never worth unbounded memory or CPU).
 */
public final class PinWriter {
    private static final Logger LOG = LoggerFactory.getLogger(PinWriter.class);
    private static final int MAX_IN_FLIGHT = 256;
    private static final int MAX_REMEMBERED = 50_000;

    private record Written(String target, long atMillis) {}

    private final StickySessions sticky;
    private final Clock clock;
    private final long refreshMillis;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<String, Written> recent = new ConcurrentHashMap<>();

    /** @param ttlMillis the pin's lifetime; a pin is rewritten (extended) after half of it */
    public PinWriter(StickySessions sticky, Clock clock, long ttlMillis) {
        this.sticky = sticky;
        this.clock = clock;
        this.refreshMillis = ttlMillis / 2;
    }

    void pin(String sessionHash, String target) {
        long now = clock.millis();
        Written last = recent.get(sessionHash);
        if (last != null && last.target().equals(target) && now - last.atMillis() < refreshMillis) {
            return;
        }
        if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
            inFlight.decrementAndGet();
            return;
        }
        if (recent.size() >= MAX_REMEMBERED) {
            recent.clear();
        }
        recent.put(sessionHash, new Written(target, now));
        sticky.pin(sessionHash, target).onComplete(done -> {
            inFlight.decrementAndGet();
            if (done.failed()) {
                recent.remove(sessionHash);
                LOG.warn("sticky pin failed: {}", done.cause().toString());
            }
        });
    }
}
