package dev.freeway.gateway.cluster.hazelcast;

import dev.freeway.gateway.limits.Window;
import io.github.bucket4j.BucketConfiguration;
import java.time.Clock;
import java.time.Instant;

/**
 * Bucket shapes that match how providers count: fixed windows aligned to the UTC epoch. A window
 * refills whole at its boundary, not greedily and not from the bucket's creation: either would let
 * two of Freeway's windows overlap one provider window and admit close to twice the limit in it.
 * Minute windows turn on the minute, daily ones at UTC midnight, when most providers reset them.
 */
final class BucketShapes {
    private final Clock clock;

    BucketShapes(Clock clock) {
        this.clock = clock;
    }

    /** A window that starts with {@code initialTokens} of its {@code capacity} left in the current window. */
    BucketConfiguration window(Window window, long capacity, long initialTokens) {
        Instant nextBoundary = Instant.ofEpochMilli(window.endMillis(clock.millis()));
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(capacity)
                        .refillIntervallyAligned(capacity, window.length(), nextBoundary)
                        .initialTokens(Math.max(0, Math.min(capacity, initialTokens)))
                        .id(window.tag()))
                .build();
    }
}
