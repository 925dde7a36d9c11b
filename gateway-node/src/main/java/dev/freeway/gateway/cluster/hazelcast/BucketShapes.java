package dev.freeway.gateway.cluster.hazelcast;

import dev.freeway.gateway.limits.Limits;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConfigurationBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Bucket shapes that match how providers count. A per-minute limit refills in whole intervals, not
 * greedily, because a greedy refill would admit close to twice the limit inside one sliding minute.
 * Daily limits refill at the next UTC midnight, when most providers reset them.
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
            builder.addLimit(limit -> limit.capacity(perMinute).refillIntervally(perMinute, MINUTE).id("minute"));
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
