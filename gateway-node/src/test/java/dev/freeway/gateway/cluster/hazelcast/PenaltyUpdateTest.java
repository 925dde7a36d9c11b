package dev.freeway.gateway.cluster.hazelcast;

import static dev.freeway.gateway.cluster.hazelcast.PenaltyState.BENCHED_UNTIL;
import static dev.freeway.gateway.cluster.hazelcast.PenaltyState.MILLI_POINTS;
import static dev.freeway.gateway.cluster.hazelcast.PenaltyState.SINCE;
import static dev.freeway.gateway.cluster.hazelcast.PenaltyState.STRIKES;
import static dev.freeway.gateway.cluster.hazelcast.PenaltyState.VERSION;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The entry processor's arithmetic, run on a plain map entry (no Hazelcast member). */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PenaltyUpdateTest {
    private static final long CAP = 10_000;
    private static final long DECAY = 120_000;
    private static final long COOLDOWN = 90_000;
    private static final long T0 = 1_700_000_000_000L;

    private final SimpleEntry<String, long[]> entry = new SimpleEntry<>("groq/llama", null);

    private long[] apply(PenaltyUpdate update) {
        long[] result = update.process(entry);
        assertThat(entry.getValue()).isSameAs(result);
        return result;
    }

    private static long[] state(long milliPoints, long since, long benchedUntil, long strikes, long version) {
        return new long[] {milliPoints, since, benchedUntil, strikes, version};
    }

    private static PenaltyUpdate add(long now, long milliPoints) {
        return PenaltyUpdate.points(now, milliPoints, CAP, DECAY);
    }

    @Test
    void points_on_a_fresh_subject_start_from_zero() {
        assertThat(apply(add(T0, 3_000))).containsExactly(3_000, T0, 0, 0, 1);
    }

    @Test
    void points_add_up() {
        apply(add(T0, 3_000));

        assertThat(apply(add(T0, 1_000))[MILLI_POINTS]).isEqualTo(4_000);
    }

    @Test
    void points_are_capped_at_ten() {
        for (int i = 0; i < 5; i++) {
            apply(add(T0, 3_000));
        }

        assertThat(entry.getValue()[MILLI_POINTS]).isEqualTo(10_000);
    }

    @Test
    void decays_one_point_per_interval_since_the_last_update_before_adding() {
        entry.setValue(state(5_000, T0, 0, 0, 3));

        long[] next = apply(add(T0 + 2 * DECAY, 1_000));

        assertThat(next[MILLI_POINTS]).isEqualTo(4_000);
        assertThat(next[SINCE]).isEqualTo(T0 + 2 * DECAY);
    }

    @Test
    void decays_fractions_of_a_point() {
        entry.setValue(state(5_000, T0, 0, 0, 0));

        assertThat(apply(add(T0 + DECAY / 2, 1_000))[MILLI_POINTS]).isEqualTo(5_500);
    }

    @Test
    void decay_never_goes_below_zero() {
        entry.setValue(state(1_000, T0, 0, 0, 0));

        assertThat(apply(add(T0 + 10 * DECAY, 3_000))[MILLI_POINTS]).isEqualTo(3_000);
    }

    @Test
    void a_clock_behind_since_decays_nothing() {
        entry.setValue(state(2_000, T0, 0, 0, 0));

        assertThat(apply(add(T0 - DECAY, 1_000))[MILLI_POINTS]).isEqualTo(3_000);
    }

    @Test
    void a_success_subtracts_one_point() {
        entry.setValue(state(3_000, T0, 0, 0, 0));

        assertThat(apply(add(T0, -1_000))[MILLI_POINTS]).isEqualTo(2_000);
    }

    @Test
    void a_success_never_goes_below_zero() {
        entry.setValue(state(500, T0, 0, 0, 0));

        assertThat(apply(add(T0, -1_000))[MILLI_POINTS]).isZero();
        assertThat(apply(add(T0, -1_000))[MILLI_POINTS]).isZero();
    }

    @Test
    void a_first_bench_lasts_the_base_cooldown_and_starts_a_streak() {
        long[] next = apply(PenaltyUpdate.bench(T0, COOLDOWN, 0));

        assertThat(next[BENCHED_UNTIL]).isEqualTo(T0 + COOLDOWN);
        assertThat(next[STRIKES]).isEqualTo(1);
        assertThat(next[MILLI_POINTS]).isZero();
        assertThat(next[SINCE]).isZero();
    }

    @Test
    void a_bench_leaves_points_alone() {
        entry.setValue(state(4_000, T0, 0, 0, 0));

        long[] next = apply(PenaltyUpdate.bench(T0 + DECAY, COOLDOWN, 0));

        assertThat(next[MILLI_POINTS]).isEqualTo(4_000);
        assertThat(next[SINCE]).isEqualTo(T0);
    }

    @Test
    void a_longer_retry_after_wins_over_the_cooldown() {
        assertThat(apply(PenaltyUpdate.bench(T0, COOLDOWN, 200_000))[BENCHED_UNTIL])
                .isEqualTo(T0 + 200_000);
    }

    @Test
    void a_shorter_retry_after_does_not_shorten_the_cooldown() {
        assertThat(apply(PenaltyUpdate.bench(T0, COOLDOWN, 1_000))[BENCHED_UNTIL])
                .isEqualTo(T0 + COOLDOWN);
    }

    @Test
    void repeated_benches_double_up_to_four_times() {
        List<Long> durations = new ArrayList<>();
        for (int strike = 0; strike < 7; strike++) {
            long now = T0 + strike * 10_000_000L;
            durations.add(apply(PenaltyUpdate.bench(now, COOLDOWN, 0))[BENCHED_UNTIL] - now);
        }

        assertThat(durations)
                .containsExactly(
                        COOLDOWN,
                        2 * COOLDOWN,
                        4 * COOLDOWN,
                        8 * COOLDOWN,
                        16 * COOLDOWN,
                        16 * COOLDOWN,
                        16 * COOLDOWN);
        assertThat(entry.getValue()[STRIKES]).isEqualTo(7);
    }

    @Test
    void a_bench_never_shortens_a_longer_existing_bench() {
        entry.setValue(state(0, 0, T0 + 3_600_000, 0, 0));

        assertThat(apply(PenaltyUpdate.bench(T0, COOLDOWN, 0))[BENCHED_UNTIL]).isEqualTo(T0 + 3_600_000);
    }

    @Test
    void clearing_the_streak_resets_strikes_only() {
        entry.setValue(state(4_000, T0, T0 + COOLDOWN, 3, 9));

        assertThat(apply(PenaltyUpdate.clearStreak(T0 + 1))).containsExactly(4_000, T0, T0 + COOLDOWN, 0, 10);
    }

    @Test
    void after_a_cleared_streak_the_next_bench_is_short_again() {
        for (int i = 0; i < 3; i++) {
            apply(PenaltyUpdate.bench(T0, COOLDOWN, 0));
        }
        apply(PenaltyUpdate.clearStreak(T0));

        long later = T0 + 100_000_000;
        assertThat(apply(PenaltyUpdate.bench(later, COOLDOWN, 0))[BENCHED_UNTIL])
                .isEqualTo(later + COOLDOWN);
    }

    @Test
    void every_update_increments_the_version() {
        entry.setValue(state(0, 0, 0, 0, 41));

        assertThat(apply(add(T0, 1_000))[VERSION]).isEqualTo(42);
        assertThat(apply(PenaltyUpdate.bench(T0, COOLDOWN, 0))[VERSION]).isEqualTo(43);
        assertThat(apply(PenaltyUpdate.clearStreak(T0))[VERSION]).isEqualTo(44);
        assertThat(apply(add(T0, -1_000))[VERSION]).isEqualTo(45);
    }

    @Test
    void does_not_modify_the_previous_state_array() {
        long[] old = state(2_000, T0, 0, 1, 5);
        entry.setValue(old);

        apply(PenaltyUpdate.bench(T0, COOLDOWN, 0));

        assertThat(old).containsExactly(2_000, T0, 0, 1, 5);
        assertThat(entry.getValue()).isNotSameAs(old);
    }

    @Test
    void a_success_on_a_missing_or_fully_decayed_subject_is_a_no_op() {
        assertThat(add(T0, -1_000).isNoOpOn(null)).isTrue();
        assertThat(add(T0, -1_000).isNoOpOn(state(0, T0, 0, 0, 3))).isTrue();
        assertThat(add(T0 + 3 * DECAY, -1_000).isNoOpOn(state(3_000, T0, 0, 0, 3)))
                .isTrue();
    }

    @Test
    void a_success_on_a_subject_with_points_left_is_not_a_no_op() {
        assertThat(add(T0, -1_000).isNoOpOn(state(1, T0, 0, 0, 0))).isFalse();
        assertThat(add(T0 + DECAY, -1_000).isNoOpOn(state(3_000, T0, 0, 0, 0))).isFalse();
    }

    @Test
    void failures_benches_and_streak_resets_are_never_no_ops() {
        assertThat(add(T0, 1_000).isNoOpOn(null)).isFalse();
        assertThat(PenaltyUpdate.bench(T0, COOLDOWN, 0).isNoOpOn(null)).isFalse();
        assertThat(PenaltyUpdate.clearStreak(T0).isNoOpOn(null)).isFalse();
    }

    @Test
    void an_enormous_retry_after_still_benches_the_key() {
        long[] next = apply(PenaltyUpdate.bench(T0, COOLDOWN, Long.MAX_VALUE));

        assertThat(next[BENCHED_UNTIL]).isGreaterThan(T0 + COOLDOWN);
    }
}
