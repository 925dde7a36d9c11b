package dev.freeway.gateway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.freeway.gateway.limits.Admission;
import dev.freeway.gateway.limits.CapacityLedger;
import dev.freeway.gateway.limits.Limits;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CapacityLedger} must do, written once and run against each cluster shape.
 * Scopes are unique per test so implementations may share one cluster across tests.
 */
public abstract class CapacityLedgerContract {
    private static final AtomicInteger SCOPES = new AtomicInteger();

    private static final Instant START = Instant.parse("2026-11-23T10:00:30Z");

    protected final MutableClock clock = new MutableClock(START);

    protected abstract CapacityLedger ledger();

    @BeforeEach
    void rewindClock() {
        clock.set(START);
    }

    private static String scope() {
        return "provider#key" + SCOPES.incrementAndGet() + "/model";
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private Admission reserve(String scope, Limits limits, long tokens) {
        return await(ledger().reserve(scope, limits, tokens));
    }

    @Test
    void admits_up_to_the_per_minute_limit_then_denies_until_the_minute_boundary() {
        String scope = scope();
        Limits limits = new Limits(3, 0, 0, 0);
        for (int i = 0; i < 3; i++) {
            assertThat(reserve(scope, limits, 0).isGranted()).isTrue();
        }
        Admission denied = reserve(scope, limits, 0);
        assertThat(denied.isGranted()).isFalse();
        assertThat(Duration.ofNanos(denied.retryAfterNanos())).isEqualTo(Duration.ofSeconds(30));

        clock.advance(Duration.ofSeconds(29));
        assertThat(reserve(scope, limits, 0).isGranted()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(reserve(scope, limits, 0).isGranted()).isTrue();
    }

    @Test
    void a_limit_changed_at_runtime_applies_at_once_raised_keeping_what_was_consumed() {
        String scope = scope();
        for (int i = 0; i < 4; i++) {
            assertThat(reserve(scope, new Limits(10, 0, 0, 0), 0).isGranted()).isTrue();
        }

        Limits raised = new Limits(12, 0, 0, 0, 1_000);
        for (int i = 0; i < 8; i++) {
            assertThat(reserve(scope, raised, 0).isGranted()).as("up to 12").isTrue();
        }
        assertThat(reserve(scope, raised, 0).isGranted()).as("13th of 12").isFalse();

        // Lowered, what is left is capped at the new limit (Bucket4j keeps no count of what was used).
        Limits lowered = new Limits(3, 0, 0, 0, 2_000);
        clock.advance(Duration.ofSeconds(30));
        assertThat(reserve(scope, lowered, 0).isGranted()).as("a new minute").isTrue();
        assertThat(reserve(scope, raised, 0).isGranted())
                .as("a late caller with the older limits does not undo the change")
                .isTrue();
        assertThat(reserve(scope, lowered, 0).isGranted()).as("3rd of 3").isTrue();
        assertThat(reserve(scope, lowered, 0).isGranted()).as("4th of 3").isFalse();
    }

    @Test
    void a_daily_limit_resets_at_utc_midnight_not_a_day_after_first_use() {
        String scope = scope();
        Limits limits = new Limits(0, 2, 0, 0);
        assertThat(reserve(scope, limits, 0).isGranted()).isTrue();
        assertThat(reserve(scope, limits, 0).isGranted()).isTrue();
        assertThat(reserve(scope, limits, 0).isGranted()).isFalse();

        clock.advance(Duration.ofHours(13).plusMinutes(59));
        assertThat(reserve(scope, limits, 0).isGranted()).as("23:59:30").isFalse();
        clock.advance(Duration.ofSeconds(30));
        assertThat(reserve(scope, limits, 0).isGranted()).as("midnight").isTrue();
    }

    @Test
    void tokens_are_reserved_with_the_request_and_a_denied_token_reservation_takes_no_request() {
        String scope = scope();
        Limits limits = new Limits(5, 0, 100, 0);
        assertThat(reserve(scope, limits, 60).isGranted()).isTrue();
        assertThat(reserve(scope, limits, 60).isGranted())
                .as("only 40 tokens left")
                .isFalse();
        assertThat(reserve(scope, limits, 40).isGranted()).isTrue();
        for (int i = 0; i < 3; i++) {
            assertThat(reserve(scope, limits, 0).isGranted())
                    .as("the denied request was given back")
                    .isTrue();
        }
        assertThat(reserve(scope, limits, 0).isGranted()).isFalse();
    }

    @Test
    void settling_refunds_a_surplus_and_charges_a_shortfall_past_the_limit() {
        String scope = scope();
        Limits limits = new Limits(0, 0, 100, 0);
        Admission first = reserve(scope, limits, 80);
        await(ledger().settle(first.reservation(), 30));
        assertThat(reserve(scope, limits, 70).isGranted()).as("50 refunded").isTrue();

        String other = scope();
        Admission big = reserve(other, limits, 10);
        await(ledger().settle(big.reservation(), 150));
        assertThat(reserve(other, limits, 1).isGranted()).as("overdrawn by 50").isFalse();
        clock.advance(Duration.ofSeconds(30));
        assertThat(reserve(other, limits, 50).isGranted())
                .as("next window starts at -50")
                .isTrue();
    }

    @Test
    void unlimited_scopes_are_always_granted() {
        String scope = scope();
        for (int i = 0; i < 100; i++) {
            assertThat(reserve(scope, new Limits(0, 0, 0, 0), 1_000_000).isGranted())
                    .isTrue();
        }
    }
}
