package dev.freeway.gateway.cluster.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.spi.merge.MergingValue;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The penalty merge on plain {@code long[]} states laid out as {@link PenaltyState} describes. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PenaltyMergePolicyTest {
    private static final long DECAY = 120_000;
    private static final long T0 = 1_700_000_000_000L;
    private static final long MINUTE = 60_000;

    private final PenaltyMergePolicy policy = new PenaltyMergePolicy(DECAY);

    private static Value state(long milliPoints, long since, long benchedUntil, long strikes, long version) {
        return new Value(new long[] {milliPoints, since, benchedUntil, strikes, version});
    }

    @Test
    void a_subject_only_one_side_has_is_kept_as_is() {
        Value onlyHere = state(3_000, T0, 0, 0, 1);

        assertThat(policy.merge(onlyHere, null)).isSameAs(onlyHere.raw);
    }

    @Test
    void points_are_compared_after_decaying_both_sides_to_the_later_since() {
        Value oldButHigh = state(3_000, T0, 0, 0, 4);
        Value recentButLower = state(1_000, T0 + 5 * MINUTE, 0, 0, 2);

        // 3 points five minutes earlier have decayed to 0.5 by the time the other side counted 1.
        assertThat(policy.merge(oldButHigh, recentButLower)).isSameAs(recentButLower.raw);
        assertThat((long[]) policy.merge(recentButLower, oldButHigh)).containsExactly(1_000, T0 + 5 * MINUTE, 0, 0, 5);
    }

    @Test
    void the_later_bench_and_the_longer_streak_are_kept_even_from_different_sides() {
        Value laterBench = state(0, T0, T0 + 10 * MINUTE, 1, 3);
        Value longerStreak = state(0, T0, T0 + 2 * MINUTE, 4, 7);

        assertThat((long[]) policy.merge(laterBench, longerStreak)).containsExactly(0, T0, T0 + 10 * MINUTE, 4, 8);
        assertThat((long[]) policy.merge(longerStreak, laterBench)).containsExactly(0, T0, T0 + 10 * MINUTE, 4, 8);
    }

    @Test
    void the_merged_version_is_above_both_sides_so_listener_mirrors_take_it() {
        Value behind = state(0, T0, T0 + MINUTE, 0, 2);
        Value ahead = state(2_000, T0, 0, 0, 9);

        assertThat(((long[]) policy.merge(ahead, behind))[PenaltyState.VERSION]).isEqualTo(10);
    }

    @Test
    void an_existing_state_that_is_already_the_harsher_one_is_kept_unchanged() {
        Value harsher = state(4_000, T0 + MINUTE, T0 + 10 * MINUTE, 3, 6);
        Value milder = state(2_000, T0, T0 + 5 * MINUTE, 1, 8);

        assertThat(policy.merge(milder, harsher)).isSameAs(harsher.raw);
    }

    @Test
    void without_a_decay_rate_the_raw_points_decide() {
        PenaltyMergePolicy unwired = new PenaltyMergePolicy();
        Value oldButHigh = state(3_000, T0, 0, 0, 4);
        Value recentButLower = state(1_000, T0 + 5 * MINUTE, 0, 0, 2);

        assertThat(unwired.merge(recentButLower, oldButHigh)).isSameAs(oldButHigh.raw);
        assertThat((long[]) unwired.merge(oldButHigh, recentButLower)).containsExactly(3_000, T0, 0, 0, 5);
    }

    @Test
    void the_policy_travels_as_identified_data_serializable() {
        assertThat(new FreewaySerialization().create(policy.getClassId())).isInstanceOf(PenaltyMergePolicy.class);
        assertThat(policy.getFactoryId()).isEqualTo(FreewaySerialization.FACTORY_ID);
    }

    /** A merging value as Hazelcast hands it over; the raw value stands in for the stored Data. */
    private static final class Value implements MergingValue<long[]> {
        private final long[] raw;

        Value(long[] raw) {
            this.raw = raw;
        }

        @Override
        public long[] getDeserializedValue() {
            return raw;
        }

        @Override
        public Object getRawValue() {
            return raw;
        }
    }
}
