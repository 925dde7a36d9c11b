package dev.freeway.gateway.cluster.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.config.TcpIpConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import com.hazelcast.map.IMap;
import dev.freeway.gateway.limits.Limits;
import dev.freeway.gateway.testing.MutableClock;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import io.github.bucket4j.distributed.serialization.InternalSerializationHelper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * A real heal over TCP in one JVM. The two sides never see each other while they take traffic: the
 * small side (one member) only knows the address of the big side's second member, which starts
 * last. Once it is up, the small side's split-brain check finds a larger cluster and merges into
 * it, sending its entries to their owners on the big side together with the serialized policies:
 * the same path Hazelcast takes after a network partition heals.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SplitBrainMergeIT {
    private static final String CLUSTER = "freeway-split-brain-it";
    private static final int SMALL = 5961;
    private static final int BIG_FIRST = 5962;
    private static final int BIG_LAST = 5963;
    private static final Limits MINUTE_AND_DAY = new Limits(0, 0, 100, 1_000);
    private static final long DECAY = 120_000;
    private static final long T0 = Instant.parse("2026-11-23T10:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000;

    private final MutableClock clock = MutableClock.at("2026-11-23T10:00:00Z");
    private final List<HazelcastInstance> members = new ArrayList<>();

    @AfterEach
    void stop() {
        members.forEach(HazelcastInstance::shutdown);
    }

    @Test
    void after_the_heal_buckets_keep_each_windows_larger_spending_and_penalties_the_harsher_fields() throws Exception {
        HazelcastInstance small = start(SMALL, BIG_LAST);
        spend(small, "mixed", "2026-11-23T10:00:30Z", 70);
        spend(small, "small-only", "2026-11-23T10:00:30Z", 10);
        penalties(small).put("groq/llama", new long[] {3_000, T0, T0 + 10 * MINUTE, 1, 4});

        HazelcastInstance big = start(BIG_FIRST, BIG_LAST);
        spend(big, "mixed", "2026-11-23T09:59:30Z", 90);
        spend(big, "mixed", "2026-11-23T10:00:10Z", 20);
        penalties(big).put("groq/llama", new long[] {1_000, T0 + 5 * MINUTE, T0 + 2 * MINUTE, 4, 2});

        CountDownLatch merged = new CountDownLatch(1);
        small.getLifecycleService().addLifecycleListener(event -> {
            if (event.getState() == LifecycleState.MERGED) {
                merged.countDown();
            }
        });
        start(BIG_LAST, BIG_FIRST);
        assertThat(merged.await(2, TimeUnit.MINUTES)).isTrue();

        assertThat(big.getCluster().getMembers()).hasSize(3);
        assertThat(tokens(buckets(big).get("tm@mixed"), "tm", "2026-11-23T10:00:40Z"))
                .isEqualTo(30);
        assertThat(tokens(buckets(big).get("td@mixed"), "td", "2026-11-23T10:00:40Z"))
                .isEqualTo(890);
        assertThat(tokens(buckets(big).get("tm@small-only"), "tm", "2026-11-23T10:00:40Z"))
                .isEqualTo(90);
        // Decayed to the later since (0.5 < 1 point): the decay rate reached the merging member.
        assertThat(penalties(big).get("groq/llama")).containsExactly(1_000, T0 + 5 * MINUTE, T0 + 10 * MINUTE, 4, 5);
    }

    private HazelcastInstance start(int port, int peer) {
        Config config = TestMembers.config(CLUSTER, port);
        config.setProperty("hazelcast.merge.first.run.delay.seconds", "1");
        config.setProperty("hazelcast.merge.next.run.delay.seconds", "1");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.getNetworkConfig().setPortAutoIncrement(false);
        TcpIpConfig tcpIp = config.getNetworkConfig().getJoin().getTcpIpConfig();
        tcpIp.setEnabled(true)
                .setConnectionTimeoutSeconds(1)
                .addMember("127.0.0.1:" + port)
                .addMember("127.0.0.1:" + peer);
        config.getMapConfig(HazelcastCluster.BUCKETS)
                .getMergePolicyConfig()
                .setPolicy(BucketMergePolicy.class.getName());
        config.getMapConfig(HazelcastCluster.PENALTIES)
                .getMergePolicyConfig()
                .setPolicy(PenaltyMergePolicy.class.getName());
        HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
        members.add(member);
        member.getUserContext().put(PenaltyMergePolicy.DECAY_MILLIS_PER_POINT, DECAY);
        return member;
    }

    private void spend(HazelcastInstance member, String scope, String at, long tokens) throws Exception {
        clock.set(Instant.parse(at));
        assertThat(new Bucket4jLedger(new WindowBuckets(buckets(member), clock, () -> 1), clock)
                        .reserve(scope, MINUTE_AND_DAY, tokens)
                        .toCompletionStage()
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS)
                        .isGranted())
                .isTrue();
    }

    private static IMap<String, byte[]> buckets(HazelcastInstance member) {
        return member.getMap(HazelcastCluster.BUCKETS);
    }

    private static IMap<String, long[]> penalties(HazelcastInstance member) {
        return member.getMap(HazelcastCluster.PENALTIES);
    }

    private static long tokens(byte[] stored, String window, String at) {
        RemoteBucketState state = InternalSerializationHelper.deserializeState(stored);
        Instant instant = Instant.parse(at);
        state.refillAllBandwidth(instant.getEpochSecond() * 1_000_000_000L + instant.getNano());
        Bandwidth[] bandwidths = state.getConfiguration().getBandwidths();
        for (int i = 0; i < bandwidths.length; i++) {
            if (window.equals(bandwidths[i].getId())) {
                return state.getState().getCurrentSize(i);
            }
        }
        throw new AssertionError("No window " + window);
    }
}
