package dev.freeway.loadtest.simulator;

import dev.freeway.loadtest.simulator.Quota.Unit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Per-key request and token limits as fixed windows aligned to the clock's minutes and UTC days, which is
 * how the windows of the free-tier providers the gateway targets behave. A request is refused when a
 * window it falls in has already reached its limit; otherwise it takes one request and all its tokens
 * from every window, so the one request that crosses a token limit is still served. Refused requests take
 * no quota.
 */
final class RateLimiter {
    static final long MINUTE_MILLIS = 60_000;
    static final long DAY_MILLIS = 86_400_000;

    private final int rpm;
    private final int rpd;
    private final int tpm;
    private final int tpd;
    private final ConcurrentHashMap<String, AtomicReference<KeyUsage>> keys = new ConcurrentHashMap<>();

    RateLimiter(int rpm, int rpd, int tpm, int tpd) {
        this.rpm = rpm;
        this.rpd = rpd;
        this.tpm = tpm;
        this.tpd = tpd;
    }

    /** Admits or refuses one request of {@code tokens} tokens for {@code key} at epoch millis {@code now}. */
    RateDecision acquire(String key, int tokens, long now) {
        if (rpm == 0 && rpd == 0 && tpm == 0 && tpd == 0) {
            return RateDecision.UNLIMITED;
        }
        long minute = now / MINUTE_MILLIS;
        long day = now / DAY_MILLIS;
        AtomicReference<KeyUsage> usage = keys.get(key);
        if (usage == null) {
            usage = keys.computeIfAbsent(key, k -> new AtomicReference<>(KeyUsage.NONE));
        }
        while (true) {
            KeyUsage current = usage.get();
            KeyUsage before = current.at(minute, day);
            Quota refusal = refusal(before, now);
            if (refusal != null) {
                return refused(refusal, before, now);
            }
            KeyUsage after = before.plus(tokens);
            if (usage.compareAndSet(current, after)) {
                return new RateDecision(null, requests(after, now), tokens(after, now));
            }
        }
    }

    /** What an injected 429 advertises: the configured request window as if exhausted (a minute when unlimited). */
    RateDecision exhausted(String key, long now) {
        Quota requests = rpm == 0 && rpd > 0
                ? quota(Unit.REQUESTS, rpd, rpd, now, DAY_MILLIS)
                : quota(Unit.REQUESTS, rpm, rpm, now, MINUTE_MILLIS);
        AtomicReference<KeyUsage> usage = keys.get(key);
        KeyUsage current = (usage == null ? KeyUsage.NONE : usage.get()).at(now / MINUTE_MILLIS, now / DAY_MILLIS);
        return new RateDecision(requests, requests, tokens(current, now));
    }

    void reset() {
        keys.clear();
    }

    /** Days are checked first, so a key out of both windows is told the longer, truthful wait. */
    private Quota refusal(KeyUsage usage, long now) {
        if (rpd > 0 && usage.dayRequests() >= rpd) {
            return quota(Unit.REQUESTS, rpd, usage.dayRequests(), now, DAY_MILLIS);
        }
        if (tpd > 0 && usage.dayTokens() >= tpd) {
            return quota(Unit.TOKENS, tpd, usage.dayTokens(), now, DAY_MILLIS);
        }
        if (rpm > 0 && usage.minuteRequests() >= rpm) {
            return quota(Unit.REQUESTS, rpm, usage.minuteRequests(), now, MINUTE_MILLIS);
        }
        if (tpm > 0 && usage.minuteTokens() >= tpm) {
            return quota(Unit.TOKENS, tpm, usage.minuteTokens(), now, MINUTE_MILLIS);
        }
        return null;
    }

    /** The refused kind of limit reports the exhausted window; the other kind where the key stands. */
    private RateDecision refused(Quota refusal, KeyUsage usage, long now) {
        return refusal.unit() == Unit.REQUESTS
                ? new RateDecision(refusal, refusal, tokens(usage, now))
                : new RateDecision(refusal, requests(usage, now), refusal);
    }

    private Quota requests(KeyUsage usage, long now) {
        return tighter(Unit.REQUESTS, rpm, usage.minuteRequests(), rpd, usage.dayRequests(), now);
    }

    private Quota tokens(KeyUsage usage, long now) {
        return tighter(Unit.TOKENS, tpm, usage.minuteTokens(), tpd, usage.dayTokens(), now);
    }

    /** Advertises the window with less left, the one the client runs into next; null when neither is set. */
    private static Quota tighter(Unit unit, int perMinute, long minuteUsed, int perDay, long dayUsed, long now) {
        Quota minute = perMinute == 0 ? null : quota(unit, perMinute, minuteUsed, now, MINUTE_MILLIS);
        Quota day = perDay == 0 ? null : quota(unit, perDay, dayUsed, now, DAY_MILLIS);
        if (minute == null || day == null) {
            return minute == null ? day : minute;
        }
        return minute.remaining() <= day.remaining() ? minute : day;
    }

    /** A crossed token limit leaves nothing, never a negative remainder. */
    private static Quota quota(Unit unit, int limit, long used, long now, long windowMillis) {
        return new Quota(
                unit, limit, Math.max(0, limit - used), windowMillis - Math.floorMod(now, windowMillis), windowMillis);
    }
}
