package dev.freeway.gateway.limits;

import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Instant;

/**
 * Bucket4j reads time from the calling node through this adapter, so buckets follow the injected
 * clock and every node (and every backup replay) applies the same "now" the caller captured.
 */
public final class ClockTimeMeter implements TimeMeter {
    private final Clock clock;

    public ClockTimeMeter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public long currentTimeNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }
}
