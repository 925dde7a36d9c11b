package dev.freeway.gateway.routing;

import dev.freeway.gateway.catalog.Candidate;
import dev.freeway.gateway.cluster.PenaltyReason;
import dev.freeway.gateway.limits.LimitScope;
import dev.freeway.gateway.limits.Limits;
import dev.freeway.gateway.provider.ProviderQuota;
import dev.freeway.gateway.provider.UpstreamFailure;
import dev.freeway.gateway.provider.UpstreamFailure.Axis;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/**
 * What a failed attempt costs the candidate, by what ran out: a per-minute limit cools the scope
 * down until its reset; a daily or monthly quota benches it until the stated reset (or the
 * platform's next midnight / first of the month when it stated the axis but not the time); no
 * credit or a refused key benches the key for every model; overload and server trouble cost a
 * point and no bench, since the key's quota is fine.
 *
 * @param subject the penalty-book key subject to bench (a scope, or the key itself)
 * @param retryAfterMillis the bench the platform implies, from now
 */
record Benching(PenaltyReason reason, String subject, long retryAfterMillis) {

    static Benching of(Candidate candidate, UpstreamFailure failure, long nowMillis) {
        return switch (failure.kind()) {
            case RATE_LIMITED -> rateLimited(candidate, failure, nowMillis);
            case OUT_OF_CREDIT -> new Benching(PenaltyReason.OUT_OF_CREDIT, candidate.keySubject(), 0);
            case KEY_REJECTED -> new Benching(PenaltyReason.KEY_REJECTED, candidate.keySubject(), 0);
            default -> new Benching(PenaltyReason.FAILED, candidate.scope(), 0);
        };
    }

    private static Benching rateLimited(Candidate candidate, UpstreamFailure failure, long nowMillis) {
        long stated = failure.retryAfterMillis();
        return switch (failure.axis()) {
            case DAY, MONTH ->
                new Benching(
                        PenaltyReason.QUOTA_EXHAUSTED,
                        scopeLimiting(candidate, failure.axis()),
                        quotaWait(candidate, failure, nowMillis));
            case MINUTE ->
                new Benching(
                        PenaltyReason.WINDOW_EXHAUSTED,
                        scopeLimiting(candidate, Axis.MINUTE),
                        stated > 0 ? stated : 60_000 - nowMillis % 60_000);
            case UNKNOWN ->
                new Benching(
                        stated > 0 && failure.quota().windows().stream().anyMatch(w -> w.remaining() == 0)
                                ? PenaltyReason.WINDOW_EXHAUSTED
                                : PenaltyReason.RATE_LIMITED,
                        candidate.scope(),
                        stated);
        };
    }

    /**
     * An empty daily window in the headers carries its own reset, which wins: a span inferred from
     * a header name without one can be wrong, and its reset bounds the damage. Otherwise the
     * platform's stated wait, but never less than its next midnight (or month) for a quota the
     * body named: a daily quota is not back in 26 seconds because a RetryInfo said so.
     */
    private static long quotaWait(Candidate candidate, UpstreamFailure failure, long nowMillis) {
        for (ProviderQuota.Window window : failure.quota().windows()) {
            if (window.remaining() == 0
                    && window.span() == ProviderQuota.Span.DAY
                    && window.resetAtEpochMillis() > nowMillis) {
                return window.resetAtEpochMillis() - nowMillis;
            }
        }
        return Math.max(failure.retryAfterMillis(), untilReset(candidate, failure.axis(), nowMillis));
    }

    /** The scope holding a limit on that axis: a shared pool when only it has one, else the candidate's own. */
    private static String scopeLimiting(Candidate candidate, Axis axis) {
        if (limits(candidate.limits(), axis)) {
            return candidate.scope();
        }
        for (LimitScope shared : candidate.shared()) {
            if (limits(shared.limits(), axis)) {
                return shared.scope();
            }
        }
        return candidate.scope();
    }

    private static boolean limits(Limits limits, Axis axis) {
        return axis == Axis.MINUTE ? limits.rpm() > 0 || limits.tpm() > 0 : limits.rpd() > 0 || limits.tpd() > 0;
    }

    private static long untilReset(Candidate candidate, Axis axis, long nowMillis) {
        ZonedDateTime now = Instant.ofEpochMilli(nowMillis).atZone(candidate.dailyReset());
        ZonedDateTime reset = axis == Axis.MONTH
                ? now.with(TemporalAdjusters.firstDayOfNextMonth()).truncatedTo(ChronoUnit.DAYS)
                : now.plusDays(1).truncatedTo(ChronoUnit.DAYS);
        return reset.toInstant().toEpochMilli() - nowMillis;
    }
}
