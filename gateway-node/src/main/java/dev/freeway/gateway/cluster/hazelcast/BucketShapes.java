package dev.freeway.gateway.cluster.hazelcast;

import dev.freeway.gateway.limits.Limits;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConfigurationBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Bucket shapes that match how providers count: fixed windows aligned to the clock. A per-minute
 * limit refills whole at each minute boundary, not greedily and not from the bucket's creation:
 * either would let two of Freeway's windows overlap one provider window and admit close to twice
 * the limit in it. Daily limits refill at UTC midnight, when most providers reset them.
 */
final class BucketShapes {
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration DAY = Duration.ofDays(1);

    private final Clock clock;

    BucketShapes(Clock clock) {
        this.clock = clock;
    }

    BucketConfiguration requests(Limits limits) {
        return shape(limits.rpm(), limits.rpd());
    }

    BucketConfiguration tokens(Limits limits) {
        return shape(limits.tpm(), limits.tpd());
    }

    private BucketConfiguration shape(long perMinute, long perDay) {
        ConfigurationBuilder builder = BucketConfiguration.builder();
        if (perMinute > 0) {
            Instant nextMinute = clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(MINUTE);
            builder.addLimit(limit -> limit.capacity(perMinute)
                    .refillIntervallyAligned(perMinute, MINUTE, nextMinute)
                    .id("minute"));
        }
        if (perDay > 0) {
            Instant midnight = clock.instant().truncatedTo(ChronoUnit.DAYS).plus(DAY);
            builder.addLimit(limit -> limit.capacity(perDay)
                    .refillIntervallyAligned(perDay, DAY, midnight)
                    .id("day"));
        }
        return builder.build();
    }
}
