package dev.freeway.loadtest.simulator;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-key RPM and RPD limits as fixed windows aligned to the clock's minutes and UTC days, which is how
 * the windows of the free-tier providers the gateway targets behave. Refused requests take no quota.
 */
final class RateLimiter {
    private static final long MINUTE_MILLIS = 60_000;
    private static final long DAY_MILLIS = 86_400_000;

    private final int rpm;
    private final int rpd;
    private final Clock clock;
    private final ConcurrentHashMap<String, KeyWindows> keys = new ConcurrentHashMap<>();

    RateLimiter(int rpm, int rpd, Clock clock) {
        this.rpm = rpm;
        this.rpd = rpd;
        this.clock = clock;
    }

    RateDecision acquire(String key) {
        if (rpm == 0 && rpd == 0) {
            return RateDecision.UNLIMITED;
        }
        long now = clock.millis();
        long minute = now / MINUTE_MILLIS;
        long day = now / DAY_MILLIS;
        KeyWindows windows = keys.get(key);
        if (windows == null) {
            windows = keys.computeIfAbsent(key, k -> new KeyWindows(new FixedWindow(), new FixedWindow()));
        }
        // The day is checked first so a key out of both windows is told the longer, truthful wait.
        int dayLeft = rpd == 0 ? Integer.MAX_VALUE : windows.day().tryAcquire(day, rpd);
        if (dayLeft < 0) {
            return new RateDecision(false, rpd, 0, untilNext(now, DAY_MILLIS));
        }
        int minuteLeft = rpm == 0 ? Integer.MAX_VALUE : windows.minute().tryAcquire(minute, rpm);
        if (minuteLeft < 0) {
            if (rpd > 0) {
                windows.day().release(day);
            }
            return new RateDecision(false, rpm, 0, untilNext(now, MINUTE_MILLIS));
        }
        // Advertise the tighter window: it is the one the client runs into next.
        return minuteLeft <= dayLeft
                ? new RateDecision(true, rpm, minuteLeft, untilNext(now, MINUTE_MILLIS))
                : new RateDecision(true, rpd, dayLeft, untilNext(now, DAY_MILLIS));
    }

    /** What an injected 429 advertises: the configured window as if exhausted (a minute when unlimited). */
    RateDecision exhausted() {
        long now = clock.millis();
        if (rpm == 0 && rpd > 0) {
            return new RateDecision(false, rpd, 0, untilNext(now, DAY_MILLIS));
        }
        return new RateDecision(false, rpm, 0, untilNext(now, MINUTE_MILLIS));
    }

    void reset() {
        keys.clear();
    }

    private static long untilNext(long now, long windowMillis) {
        return windowMillis - Math.floorMod(now, windowMillis);
    }

    private record KeyWindows(FixedWindow minute, FixedWindow day) {}
}
