package dev.freeway.loadtest.simulator;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** One key's traffic: every request it sent, and per minute of the clock what was admitted and refused. */
final class KeyTraffic {
    private final LongAdder requests = new LongAdder();
    private final ConcurrentHashMap<Long, MinuteTraffic> minutes = new ConcurrentHashMap<>();
    /** Nearly every request falls in the minute of the one before, so the map is seldom consulted. */
    private volatile MinuteTraffic latest;

    void recordRequest() {
        requests.increment();
    }

    void recordAdmitted(long now, int tokens) {
        MinuteTraffic minute = minute(now);
        minute.requests.increment();
        minute.tokens.add(tokens);
    }

    void recordRateLimited(long now) {
        minute(now).rateLimited.increment();
    }

    long requests() {
        return requests.sum();
    }

    List<WindowCount> windows(String key) {
        return minutes.values().stream()
                .map(m -> new WindowCount(key, m.minute, m.requests.sum(), m.tokens.sum(), m.rateLimited.sum()))
                .toList();
    }

    private MinuteTraffic minute(long now) {
        long minute = now / RateLimiter.MINUTE_MILLIS;
        MinuteTraffic current = latest;
        if (current == null || current.minute != minute) {
            current = minutes.computeIfAbsent(minute, MinuteTraffic::new);
            latest = current;
        }
        return current;
    }

    private static final class MinuteTraffic {
        final long minute;
        final LongAdder requests = new LongAdder();
        final LongAdder tokens = new LongAdder();
        final LongAdder rateLimited = new LongAdder();

        MinuteTraffic(long minute) {
            this.minute = minute;
        }
    }
}
