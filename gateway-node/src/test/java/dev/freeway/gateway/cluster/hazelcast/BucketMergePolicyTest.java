package dev.freeway.gateway.cluster.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.spi.merge.MergingValue;
import dev.freeway.gateway.limits.Admission;
import dev.freeway.gateway.limits.ClockTimeMeter;
import dev.freeway.gateway.limits.Limits;
import dev.freeway.gateway.testing.MutableClock;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import io.github.bucket4j.distributed.serialization.InternalSerializationHelper;
import io.github.bucket4j.grid.hazelcast.Bucket4jHazelcast;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The bucket merge on real Bucket4j states: each side of the "split" is its own map on one member,
 * driven through {@link Bucket4jLedger} exactly as the gateway drives it, and the policy is handed
 * the bytes Bucket4j stored. Results are read back through Bucket4j's own deserializer, so these
 * tests also fail when a Bucket4j upgrade changes the stored format.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class BucketMergePolicyTest {
    private static final Limits MINUTE_AND_DAY = new Limits(0, 0, 100, 1_000);
    private static final Limits MINUTE_ONLY = new Limits(0, 0, 100, 0);

    /** What Bucket4j 8.17's Hazelcast integration stores for tm@<scope> after 70 tokens at 10:00:30 (tpm 100). */
    private static final String BUCKET4J_8_17_STATE = "00000001" // state format (7.0.0: no configuration version)
            + "00000001" + "00000001" // configuration format, one bandwidth
            + "00000001" + "0000000000000064" + "0000000000000064" + "0000000df8475800" + "0000000000000064"
            + "01" + "000001a207da0b60" + "00" + "01" + "0002" + "746d" // tm: 100/min from 10:01
            + "00000003" + "00000001" + "00000003" // 64-bit state: three longs for the bandwidth
            + "18eaa440dfca4000" + "000000000000001e" + "0000000000000000" // tm: refilled 10:00, 30 left
            + "00000001" + "0000000000000046"; // statistics: 70 consumed

    private final MutableClock clock = MutableClock.at("2026-11-23T10:00:00Z");
    private final BucketMergePolicy policy = new BucketMergePolicy();
    private HazelcastInstance member;
    private IMap<String, byte[]> sideA;
    private IMap<String, byte[]> sideB;
    private Bucket4jLedger ledgerA;
    private Bucket4jLedger ledgerB;
    private ProxyManager<String> directA;
    private ProxyManager<String> directB;

    @BeforeAll
    void start() {
        member = Hazelcast.newHazelcastInstance(TestMembers.config("freeway-bucket-merge-test", 5871));
        sideA = member.getMap("side-a");
        sideB = member.getMap("side-b");
        ledgerA = new Bucket4jLedger(new WindowBuckets(sideA, clock, () -> 1), clock);
        ledgerB = new Bucket4jLedger(new WindowBuckets(sideB, clock, () -> 1), clock);
        directA = Bucket4jHazelcast.entryProcessorBasedBuilder(sideA)
                .clientClock(new ClockTimeMeter(clock))
                .build();
        directB = Bucket4jHazelcast.entryProcessorBasedBuilder(sideB)
                .clientClock(new ClockTimeMeter(clock))
                .build();
    }

    @AfterAll
    void stop() {
        member.shutdown();
    }

    @Test
    void a_bucket_only_one_side_has_is_kept_as_is() {
        spend(ledgerA, "only", MINUTE_AND_DAY, "2026-11-23T10:00:30Z", 10);
        Value onlyHere = new Value(stored(sideA, "tm", "only"));

        assertThat(policy.merge(onlyHere, null)).isSameAs(onlyHere.raw);
    }

    @Test
    void the_side_that_spent_more_is_kept_whole_whichever_side_it_is() {
        spend(ledgerA, "whole", MINUTE_AND_DAY, "2026-11-23T10:00:30Z", 70);
        spend(ledgerB, "whole", MINUTE_AND_DAY, "2026-11-23T10:00:40Z", 20);

        for (String window : new String[] {"tm", "td"}) {
            Value spentMore = new Value(stored(sideA, window, "whole"));
            Value spentLess = new Value(stored(sideB, window, "whole"));
            assertThat(policy.merge(spentLess, spentMore)).isSameAs(spentMore.raw);
            assertThat(policy.merge(spentMore, spentLess)).isSameAs(spentMore.raw);
        }
    }

    @Test
    void each_window_of_a_scope_keeps_its_tighter_side_even_when_the_buckets_were_created_in_different_minutes() {
        spend(ledgerB, "split", MINUTE_AND_DAY, "2026-11-23T09:59:30Z", 90);
        spend(ledgerB, "split", MINUTE_AND_DAY, "2026-11-23T10:00:10Z", 20);
        spend(ledgerA, "split", MINUTE_AND_DAY, "2026-11-23T10:00:30Z", 70);
        Value minuteHeavy = new Value(stored(sideA, "tm", "split"));
        Value minuteLight = new Value(stored(sideB, "tm", "split"));
        Value dayHeavy = new Value(stored(sideB, "td", "split"));
        Value dayLight = new Value(stored(sideA, "td", "split"));

        assertThat(policy.merge(minuteLight, minuteHeavy)).isSameAs(minuteHeavy.raw);
        assertThat(policy.merge(minuteHeavy, minuteLight)).isSameAs(minuteHeavy.raw);
        assertThat(policy.merge(dayLight, dayHeavy)).isSameAs(dayHeavy.raw);
        assertThat(policy.merge(dayHeavy, dayLight)).isSameAs(dayHeavy.raw);
        assertThat(tokens(minuteHeavy.raw, "tm", "2026-11-23T10:00:40Z")).isEqualTo(30);
        assertThat(tokens(dayHeavy.raw, "td", "2026-11-23T10:00:40Z")).isEqualTo(890);
    }

    @Test
    void each_window_keeps_the_lower_tokens_even_when_the_buckets_were_created_in_different_minutes() {
        consumeDirect(directB, sideB, "mixed", "2026-11-23T09:59:30Z", 90);
        Value dayHeavy = new Value(consumeDirect(directB, sideB, "mixed", "2026-11-23T10:00:10Z", 20));
        Value minuteHeavy = new Value(consumeDirect(directA, sideA, "mixed", "2026-11-23T10:00:30Z", 70));
        assertThat(tokens(dayHeavy.raw, "tm", "2026-11-23T10:00:40Z")).isEqualTo(80);
        assertThat(tokens(dayHeavy.raw, "td", "2026-11-23T10:00:40Z")).isEqualTo(890);

        for (Object merged : new Object[] {policy.merge(dayHeavy, minuteHeavy), policy.merge(minuteHeavy, dayHeavy)}) {
            assertThat(tokens((byte[]) merged, "tm", "2026-11-23T10:00:40Z")).isEqualTo(30);
            assertThat(tokens((byte[]) merged, "td", "2026-11-23T10:00:40Z")).isEqualTo(890);
            assertThat(tokens((byte[]) merged, "tm", "2026-11-23T10:01:00Z")).isEqualTo(100);
        }
    }

    @Test
    void a_window_that_refilled_after_one_side_last_wrote_counts_as_refilled() {
        spend(ledgerA, "stale", MINUTE_ONLY, "2026-11-23T09:59:50Z", 90);
        spend(ledgerB, "stale", MINUTE_ONLY, "2026-11-23T10:00:20Z", 30);
        Value stale = new Value(stored(sideA, "tm", "stale"));
        Value fresh = new Value(stored(sideB, "tm", "stale"));

        assertThat(policy.merge(stale, fresh)).isSameAs(fresh.raw);
        assertThat(policy.merge(fresh, stale)).isSameAs(fresh.raw);
    }

    @Test
    void after_a_limit_change_the_newer_configuration_is_kept_and_charged_with_the_older_sides_spending() {
        // The older side's buckets date from the day before, so creation tells the two apart.
        spend(ledgerA, "changed", MINUTE_AND_DAY, "2026-11-22T23:59:30Z", 10);
        spend(ledgerA, "changed", MINUTE_AND_DAY, "2026-11-23T09:00:00Z", 60);
        spend(ledgerB, "changed", new Limits(0, 0, 100, 500), "2026-11-23T10:00:10Z", 50);
        Value olderDay = new Value(stored(sideA, "td", "changed"));
        Value newerDay = new Value(stored(sideB, "td", "changed"));
        Value olderMinute = new Value(stored(sideA, "tm", "changed"));
        Value newerMinute = new Value(stored(sideB, "tm", "changed"));

        for (Object merged : new Object[] {policy.merge(olderDay, newerDay), policy.merge(newerDay, olderDay)}) {
            assertThat(capacity((byte[]) merged, "td")).isEqualTo(500);
            assertThat(tokens((byte[]) merged, "td", "2026-11-23T10:00:20Z")).isEqualTo(440);
        }
        for (Object merged :
                new Object[] {policy.merge(olderMinute, newerMinute), policy.merge(newerMinute, olderMinute)}) {
            assertThat(tokens((byte[]) merged, "tm", "2026-11-23T10:00:20Z")).isEqualTo(50);
        }
    }

    @Test
    void an_unreadable_state_keeps_the_existing_value() {
        spend(ledgerA, "unreadable", MINUTE_AND_DAY, "2026-11-23T10:00:30Z", 5);
        Value existing = new Value(stored(sideA, "tm", "unreadable"));

        assertThat(policy.merge(new Value(new byte[] {1, 2, 3}), existing)).isSameAs(existing.raw);
    }

    @Test
    void the_stored_format_is_bucket4j_8_17s_and_survives_decoding_and_encoding_unchanged() {
        spend(ledgerA, "format", MINUTE_AND_DAY, "2026-11-23T10:00:30Z", 70);
        byte[] stored = stored(sideA, "tm", "format");

        assertThat(HexFormat.of().formatHex(stored)).isEqualTo(BUCKET4J_8_17_STATE);
        assertThat(BucketSnapshot.decode(stored).encode()).isEqualTo(stored);
        assertThat(BucketSnapshot.decode(stored).latestRefillNanos()).isEqualTo(nanos("2026-11-23T10:00:00Z"));
    }

    @Test
    void a_multi_bandwidth_state_survives_decoding_and_encoding_unchanged() {
        byte[] stored = consumeDirect(directA, sideA, "format-two", "2026-11-23T10:00:30Z", 70);

        assertThat(BucketSnapshot.decode(stored).encode()).isEqualTo(stored);
        assertThat(BucketSnapshot.decode(stored).latestRefillNanos()).isEqualTo(nanos("2026-11-23T10:00:00Z"));
    }

    @Test
    void the_policy_travels_as_identified_data_serializable() {
        assertThat(new FreewaySerialization().create(policy.getClassId())).isInstanceOf(BucketMergePolicy.class);
        assertThat(policy.getFactoryId()).isEqualTo(FreewaySerialization.FACTORY_ID);
    }

    private void spend(Bucket4jLedger ledger, String scope, Limits limits, String at, long tokens) {
        clock.set(Instant.parse(at));
        try {
            Admission admission = ledger.reserve(scope, limits, tokens)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            assertThat(admission.isGranted()).isTrue();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] stored(IMap<String, byte[]> side, String window, String scope) {
        byte[] stored = side.get(window + "@" + scope);
        assertThat(stored).as("bucket %s@%s", window, scope).isNotNull();
        return stored;
    }

    /**
     * Consumes from a two-bandwidth bucket (tm: 100/minute, td: 1000/day, both aligned like the
     * ledger's windows) built directly with Bucket4j, and returns what Bucket4j stored for it.
     */
    private byte[] consumeDirect(
            ProxyManager<String> manager, IMap<String, byte[]> side, String key, String at, long tokens) {
        clock.set(Instant.parse(at));
        assertThat(manager.builder().build(key, this::minuteAndDay).tryConsume(tokens))
                .isTrue();
        return side.get(key);
    }

    private BucketConfiguration minuteAndDay() {
        long now = clock.millis();
        Instant nextMinute = Instant.ofEpochMilli((Math.floorDiv(now, 60_000L) + 1) * 60_000L);
        Instant nextDay = Instant.ofEpochMilli((Math.floorDiv(now, 86_400_000L) + 1) * 86_400_000L);
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(100)
                        .refillIntervallyAligned(100, Duration.ofMinutes(1), nextMinute)
                        .id("tm"))
                .addLimit(limit -> limit.capacity(1_000)
                        .refillIntervallyAligned(1_000, Duration.ofDays(1), nextDay)
                        .id("td"))
                .build();
    }

    /** Tokens in one window as Bucket4j itself would see them at {@code at}. */
    private static long tokens(byte[] stored, String window, String at) {
        RemoteBucketState state = InternalSerializationHelper.deserializeState(stored);
        state.refillAllBandwidth(nanos(at));
        return state.getState().getCurrentSize(index(state, window));
    }

    private static long capacity(byte[] stored, String window) {
        RemoteBucketState state = InternalSerializationHelper.deserializeState(stored);
        return state.getConfiguration().getBandwidths()[index(state, window)].getCapacity();
    }

    private static int index(RemoteBucketState state, String window) {
        Bandwidth[] bandwidths = state.getConfiguration().getBandwidths();
        for (int i = 0; i < bandwidths.length; i++) {
            if (window.equals(bandwidths[i].getId())) {
                return i;
            }
        }
        throw new AssertionError("No window " + window);
    }

    private static long nanos(String at) {
        Instant instant = Instant.parse(at);
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    /** A merging value as Hazelcast hands it over; the raw value stands in for the stored Data. */
    private static final class Value implements MergingValue<byte[]> {
        private final byte[] raw;

        Value(byte[] raw) {
            this.raw = raw;
        }

        @Override
        public byte[] getDeserializedValue() {
            return raw;
        }

        @Override
        public Object getRawValue() {
            return raw;
        }
    }
}
