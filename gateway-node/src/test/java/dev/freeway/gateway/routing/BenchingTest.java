package dev.freeway.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.freeway.gateway.catalog.Candidate;
import dev.freeway.gateway.cluster.PenaltyReason;
import dev.freeway.gateway.config.ModelConfig;
import dev.freeway.gateway.limits.LimitScope;
import dev.freeway.gateway.limits.Limits;
import dev.freeway.gateway.provider.ProviderQuota;
import dev.freeway.gateway.provider.ProviderQuota.Dimension;
import dev.freeway.gateway.provider.ProviderQuota.Span;
import dev.freeway.gateway.provider.UpstreamFailure;
import dev.freeway.gateway.provider.UpstreamFailure.Axis;
import dev.freeway.gateway.provider.UpstreamFailure.Kind;
import dev.freeway.gateway.secrets.ProviderKey;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What a failed attempt costs the candidate: which subject is benched, why, and for how long. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class BenchingTest {
    private static final ProviderKey KEY = ProviderKey.of("gsk-benching-key-0001");
    private static final String OWN = "p#" + KEY.fingerprint() + "/m";
    private static final String POOL = "p#" + KEY.fingerprint() + "/@pool";
    private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");
    /** A Monday in November: Pacific standard time, UTC-8. */
    private static final long NOVEMBER = millis("2026-11-23T10:00:00Z");

    private static long millis(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    private static Candidate candidate(Limits own, ZoneId dailyReset, LimitScope... shared) {
        ModelConfig model = new ModelConfig("m", "p", null, 50, 8192, null, null);
        return new Candidate(
                "p", model, KEY, own, "p/m", OWN, "p#" + KEY.fingerprint(), List.of(shared), List.of(), 0, dailyReset);
    }

    private static Candidate perKeyAndModel(ZoneId dailyReset) {
        return candidate(new Limits(30, 1000, 6000, 0), dailyReset);
    }

    private static UpstreamFailure rateLimited(Axis axis, long retryAfterMillis) {
        return failure(Kind.RATE_LIMITED, axis, retryAfterMillis, ProviderQuota.NONE);
    }

    private static UpstreamFailure failure(Kind kind, Axis axis, long retryAfterMillis, ProviderQuota quota) {
        return new UpstreamFailure(kind, axis, 429, retryAfterMillis, Buffer.buffer(), quota, "p answered");
    }

    private static ProviderQuota emptyMinuteWindow() {
        return new ProviderQuota(List.of(new ProviderQuota.Window(Dimension.REQUESTS, Span.MINUTE, 30, 0, -1)), 0);
    }

    @Test
    void an_empty_daily_window_in_the_headers_benches_until_its_own_reset_not_midnight() {
        long reset = NOVEMBER + 90_000;
        ProviderQuota quota =
                new ProviderQuota(List.of(new ProviderQuota.Window(Dimension.REQUESTS, Span.DAY, 1000, 0, reset)), 0);

        Benching benching =
                Benching.of(perKeyAndModel(PACIFIC), failure(Kind.RATE_LIMITED, Axis.DAY, 0, quota), NOVEMBER);

        assertThat(benching).isEqualTo(new Benching(PenaltyReason.QUOTA_EXHAUSTED, OWN, 90_000));
    }

    // Per minute.

    @Test
    void a_per_minute_429_with_retry_after_cools_the_own_scope_down_for_the_stated_time() {
        Benching benching = Benching.of(perKeyAndModel(ZoneOffset.UTC), rateLimited(Axis.MINUTE, 7_000), NOVEMBER);

        assertThat(benching).isEqualTo(new Benching(PenaltyReason.WINDOW_EXHAUSTED, OWN, 7_000));
    }

    @Test
    void a_per_minute_429_without_retry_after_cools_down_until_the_next_minute_boundary() {
        long now = millis("2026-11-23T10:00:20.250Z");

        Benching benching = Benching.of(perKeyAndModel(ZoneOffset.UTC), rateLimited(Axis.MINUTE, 0), now);

        assertThat(benching).isEqualTo(new Benching(PenaltyReason.WINDOW_EXHAUSTED, OWN, 39_750));
    }

    @Test
    void a_per_minute_429_on_the_minute_boundary_waits_a_whole_minute() {
        Benching benching = Benching.of(perKeyAndModel(ZoneOffset.UTC), rateLimited(Axis.MINUTE, 0), NOVEMBER);

        assertThat(benching.retryAfterMillis()).isEqualTo(60_000);
    }

    // Per day.

    @Test
    void a_per_day_429_benches_until_midnight_in_the_platforms_pacific_zone() {
        Benching benching = Benching.of(perKeyAndModel(PACIFIC), rateLimited(Axis.DAY, 0), NOVEMBER);

        assertThat(benching.reason()).isEqualTo(PenaltyReason.QUOTA_EXHAUSTED);
        assertThat(benching.subject()).isEqualTo(OWN);
        assertThat(Instant.ofEpochMilli(NOVEMBER + benching.retryAfterMillis()))
                .as("midnight PST is 08:00 UTC")
                .isEqualTo("2026-11-24T08:00:00Z");
    }

    @Test
    void a_per_day_429_benches_until_utc_midnight_on_a_utc_platform() {
        Benching benching = Benching.of(perKeyAndModel(ZoneOffset.UTC), rateLimited(Axis.DAY, 0), NOVEMBER);

        assertThat(benching.retryAfterMillis()).isEqualTo(Duration.ofHours(14).toMillis());
    }

    @Test
    void pacific_midnight_in_summer_is_seven_in_the_morning_utc_even_when_the_utc_date_is_ahead() {
        long now = millis("2026-07-01T06:30:00Z");

        assertThat(Benching.of(perKeyAndModel(PACIFIC), rateLimited(Axis.DAY, 0), now)
                        .retryAfterMillis())
                .as("23:30 PDT on June 30")
                .isEqualTo(Duration.ofMinutes(30).toMillis());
        assertThat(Benching.of(perKeyAndModel(ZoneOffset.UTC), rateLimited(Axis.DAY, 0), now)
                        .retryAfterMillis())
                .isEqualTo(Duration.ofHours(17).plusMinutes(30).toMillis());
    }

    @Test
    void a_per_day_429_stating_a_later_retry_after_than_midnight_benches_for_the_stated_time() {
        long stated = Duration.ofHours(30).toMillis();

        Benching benching = Benching.of(perKeyAndModel(PACIFIC), rateLimited(Axis.DAY, stated), NOVEMBER);

        assertThat(benching.retryAfterMillis()).isEqualTo(stated);
    }

    @Test
    void a_per_day_429_stating_an_earlier_retry_after_than_midnight_still_benches_until_midnight() {
        Benching benching = Benching.of(perKeyAndModel(PACIFIC), rateLimited(Axis.DAY, 60_000), NOVEMBER);

        assertThat(benching.retryAfterMillis()).isEqualTo(Duration.ofHours(22).toMillis());
    }

    // Per month.

    @Test
    void a_monthly_429_benches_until_the_first_of_next_month_in_the_platforms_zone() {
        Benching utc = Benching.of(perKeyAndModel(ZoneOffset.UTC), rateLimited(Axis.MONTH, 0), NOVEMBER);
        Benching pacific = Benching.of(perKeyAndModel(PACIFIC), rateLimited(Axis.MONTH, 0), NOVEMBER);

        assertThat(utc.reason()).isEqualTo(PenaltyReason.QUOTA_EXHAUSTED);
        assertThat(Instant.ofEpochMilli(NOVEMBER + utc.retryAfterMillis())).isEqualTo("2026-12-01T00:00:00Z");
        assertThat(Instant.ofEpochMilli(NOVEMBER + pacific.retryAfterMillis())).isEqualTo("2026-12-01T08:00:00Z");
    }

    @Test
    void a_monthly_429_in_december_benches_until_january_the_first() {
        long now = millis("2026-12-31T23:59:00Z");

        Benching benching = Benching.of(perKeyAndModel(ZoneOffset.UTC), rateLimited(Axis.MONTH, 0), now);

        assertThat(benching.retryAfterMillis()).isEqualTo(60_000);
    }

    // Which scope the axis points at.

    @Test
    void a_daily_429_benches_the_shared_pool_when_only_the_pool_has_a_daily_limit() {
        Candidate candidate =
                candidate(new Limits(30, 0, 6000, 0), ZoneOffset.UTC, new LimitScope(POOL, new Limits(0, 50, 0, 0)));

        assertThat(Benching.of(candidate, rateLimited(Axis.DAY, 0), NOVEMBER).subject())
                .isEqualTo(POOL);
        assertThat(Benching.of(candidate, rateLimited(Axis.MINUTE, 0), NOVEMBER).subject())
                .as("the minute limit is the model's own")
                .isEqualTo(OWN);
    }

    @Test
    void a_per_minute_429_benches_the_shared_pool_when_only_the_pool_has_a_minute_limit() {
        Candidate candidate =
                candidate(new Limits(0, 1000, 0, 0), ZoneOffset.UTC, new LimitScope(POOL, new Limits(40, 0, 0, 0)));

        assertThat(Benching.of(candidate, rateLimited(Axis.MINUTE, 0), NOVEMBER).subject())
                .isEqualTo(POOL);
        assertThat(Benching.of(candidate, rateLimited(Axis.DAY, 0), NOVEMBER).subject())
                .isEqualTo(OWN);
    }

    @Test
    void the_own_scope_wins_when_it_and_the_pool_both_limit_the_axis() {
        Candidate candidate =
                candidate(new Limits(0, 100, 0, 0), ZoneOffset.UTC, new LimitScope(POOL, new Limits(0, 50, 0, 0)));

        assertThat(Benching.of(candidate, rateLimited(Axis.DAY, 0), NOVEMBER).subject())
                .isEqualTo(OWN);
    }

    @Test
    void the_own_scope_is_benched_when_no_scope_limits_the_axis() {
        Candidate candidate =
                candidate(new Limits(30, 0, 0, 0), ZoneOffset.UTC, new LimitScope(POOL, new Limits(40, 0, 0, 0)));

        assertThat(Benching.of(candidate, rateLimited(Axis.MONTH, 0), NOVEMBER).subject())
                .isEqualTo(OWN);
    }

    // The key itself.

    @Test
    void out_of_credit_benches_the_key_for_every_model() {
        Benching benching = Benching.of(
                perKeyAndModel(ZoneOffset.UTC),
                failure(Kind.OUT_OF_CREDIT, Axis.UNKNOWN, 5_000, ProviderQuota.NONE),
                NOVEMBER);

        assertThat(benching).isEqualTo(new Benching(PenaltyReason.OUT_OF_CREDIT, "p#" + KEY.fingerprint(), 0));
    }

    @Test
    void a_rejected_key_benches_the_key_for_every_model() {
        Benching benching = Benching.of(
                perKeyAndModel(ZoneOffset.UTC),
                failure(Kind.KEY_REJECTED, Axis.UNKNOWN, 0, ProviderQuota.NONE),
                NOVEMBER);

        assertThat(benching).isEqualTo(new Benching(PenaltyReason.KEY_REJECTED, "p#" + KEY.fingerprint(), 0));
    }

    // Trouble that is not the key's quota.

    @ParameterizedTest
    @EnumSource(
            value = Kind.class,
            names = {"OVERLOADED", "SERVER_ERROR", "TIMEOUT", "CONNECTION", "MALFORMED"})
    void trouble_that_is_not_the_keys_quota_costs_a_failure_on_the_own_scope_with_no_wait(Kind kind) {
        Benching benching = Benching.of(
                perKeyAndModel(ZoneOffset.UTC), failure(kind, Axis.UNKNOWN, 30_000, ProviderQuota.NONE), NOVEMBER);

        assertThat(benching).isEqualTo(new Benching(PenaltyReason.FAILED, OWN, 0));
    }

    // No axis stated.

    @Test
    void an_unknown_axis_with_retry_after_and_an_empty_window_is_an_exhausted_window_on_the_own_scope() {
        Benching benching = Benching.of(
                perKeyAndModel(ZoneOffset.UTC),
                failure(Kind.RATE_LIMITED, Axis.UNKNOWN, 12_000, emptyMinuteWindow()),
                NOVEMBER);

        assertThat(benching).isEqualTo(new Benching(PenaltyReason.WINDOW_EXHAUSTED, OWN, 12_000));
    }

    @Test
    void an_unknown_axis_with_retry_after_but_no_empty_window_is_a_plain_rate_limit() {
        ProviderQuota quota =
                new ProviderQuota(List.of(new ProviderQuota.Window(Dimension.REQUESTS, Span.MINUTE, 30, 4, -1)), 0);

        Benching benching = Benching.of(
                perKeyAndModel(ZoneOffset.UTC), failure(Kind.RATE_LIMITED, Axis.UNKNOWN, 12_000, quota), NOVEMBER);

        assertThat(benching).isEqualTo(new Benching(PenaltyReason.RATE_LIMITED, OWN, 12_000));
    }

    @Test
    void an_unknown_axis_without_retry_after_is_a_plain_rate_limit_even_with_an_empty_window() {
        Benching benching = Benching.of(
                perKeyAndModel(ZoneOffset.UTC),
                failure(Kind.RATE_LIMITED, Axis.UNKNOWN, 0, emptyMinuteWindow()),
                NOVEMBER);

        assertThat(benching).isEqualTo(new Benching(PenaltyReason.RATE_LIMITED, OWN, 0));
    }

    @Test
    void an_unknown_axis_never_benches_a_shared_pool() {
        Candidate candidate =
                candidate(new Limits(0, 0, 0, 0), ZoneOffset.UTC, new LimitScope(POOL, new Limits(40, 50, 0, 0)));

        assertThat(Benching.of(candidate, rateLimited(Axis.UNKNOWN, 1_000), NOVEMBER)
                        .subject())
                .isEqualTo(OWN);
    }
}
