package dev.freeway.gateway.cluster.hazelcast;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryMergedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import dev.freeway.gateway.cluster.FairShare;
import dev.freeway.gateway.cluster.PenaltyBook;
import dev.freeway.gateway.cluster.SharedTable;
import dev.freeway.gateway.cluster.StickySessions;
import dev.freeway.gateway.cluster.UsageMeter;
import dev.freeway.gateway.config.ClusterConfig;
import dev.freeway.gateway.limits.CapacityLedger;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * The embedded Hazelcast member and the cluster-backed services built on it. The only public
 * entry point of this package: nothing outside it imports Hazelcast or Bucket4j.
 */
public final class HazelcastCluster implements AutoCloseable {
    static final String BUCKETS = "freeway-buckets";
    static final String PENALTIES = "freeway-penalties";
    static final String STICKY = "freeway-sticky";
    static final String USAGE = "freeway-usage";
    static final String MONTHLY = "freeway-monthly";
    static final String FAIR_SHARE = "freeway-fair-share";
    static final String CLIENT_KEYS = "freeway-client-keys";
    static final String TEAMS = "freeway-teams";

    private final HazelcastInstance instance;
    private final AtomicInteger largestSize;
    private final int minSize;
    private final MigrationWatch migrations = new MigrationWatch();

    private HazelcastCluster(HazelcastInstance instance, int expectedSize, int minSize) {
        this.instance = instance;
        this.largestSize = new AtomicInteger(expectedSize);
        this.minSize = minSize;
        instance.getPartitionService().addMigrationListener(migrations);
    }

    /** Starts the member; blocks until it runs, so call it before serving traffic. */
    public static HazelcastCluster start(ClusterConfig cluster) {
        System.setProperty("hazelcast.logging.type", "slf4j");
        CallbackExecutor.install();
        return new HazelcastCluster(
                Hazelcast.newHazelcastInstance(MemberConfigs.build(cluster)),
                Math.max(1, cluster.members().size()),
                cluster.minSize());
    }

    public CapacityLedger ledger(Clock clock) {
        return new Bucket4jLedger(new WindowBuckets(instance.getMap(BUCKETS), clock, this::shareDivisor), clock);
    }

    public PenaltyBook penalties(Clock clock, long decayMillisPerPoint, long baseCooldownMillis) {
        instance.getUserContext().put(PenaltyMergePolicy.DECAY_MILLIS_PER_POINT, decayMillisPerPoint);
        return new HzPenaltyBook(instance.getMap(PENALTIES), clock, decayMillisPerPoint, baseCooldownMillis);
    }

    public StickySessions stickySessions(Clock clock, long ttlMillis) {
        return new HzStickySessions(instance.getMap(STICKY), clock, ttlMillis);
    }

    /** Team shares of scarce provider windows; tallies expire with their window. */
    public FairShare fairShare() {
        return new HzFairShare(instance.getMap(FAIR_SHARE));
    }

    public UsageMeter usage() {
        return new HzUsageMeter(instance.getMap(USAGE), instance.getMap(MONTHLY));
    }

    /** The issued client keys' table (id → record text, digests only). */
    public SharedTable clientKeys() {
        return table(CLIENT_KEYS);
    }

    /** Team settings changed through the admin API (team → record text). */
    public SharedTable teamSettings() {
        return table(TEAMS);
    }

    /**
     * Its listener is local to this member and carries values, so each node's mirror learns of a
     * change in one event.
     */
    private SharedTable table(String name) {
        IMap<String, String> map = instance.getMap(name);
        return new SharedTable() {
            @Override
            public Future<Void> put(String key, String record) {
                return FutureBridge.toVertx(map.setAsync(key, record));
            }

            @Override
            public Future<String> get(String key) {
                return FutureBridge.toVertx(map.getAsync(key));
            }

            @Override
            public void watch(BiConsumer<String, String> onChange) {
                map.addEntryListener(new RecordListener(onChange), true);
                map.forEach(onChange);
            }
        };
    }

    /** Whether partitions are moving between members now (a join or a leave); local and non-blocking. */
    public boolean migrating() {
        return migrations.migrating();
    }

    /** Members this node currently sees, itself included; local and non-blocking. */
    public int memberCount() {
        return instance.getCluster().getMembers().size();
    }

    /**
     * How many nodes share the limits, for 1/N local shares: the largest cluster this node has seen
     * (or the configured member list), not the current view, which shrinks in a split.
     */
    public int shareDivisor() {
        return largestSize.accumulateAndGet(memberCount(), Math::max);
    }

    /**
     * Why this node should not get traffic, or null: the member is down, or it sees fewer members
     * than the split-brain minimum (a minority admits nothing, so it should not be sent requests).
     * Local and non-blocking.
     */
    public String unreadyReason() {
        if (!instance.getLifecycleService().isRunning()) {
            return "cluster member not running";
        }
        if (minSize <= 1) {
            return null;
        }
        boolean quorum = instance.getSplitBrainProtectionService()
                .getSplitBrainProtection(MemberConfigs.LEDGER_PROTECTION)
                .hasMinimumSize();
        return quorum ? null : "fewer than " + minSize + " cluster members answer heartbeats";
    }

    /** Merged events too: after a split heals, the surviving record must reach every mirror. */
    private record RecordListener(BiConsumer<String, String> onChange)
            implements EntryAddedListener<String, String>,
                    EntryUpdatedListener<String, String>,
                    EntryMergedListener<String, String> {
        @Override
        public void entryAdded(EntryEvent<String, String> event) {
            onChange.accept(event.getKey(), event.getValue());
        }

        @Override
        public void entryUpdated(EntryEvent<String, String> event) {
            onChange.accept(event.getKey(), event.getValue());
        }

        @Override
        public void entryMerged(EntryEvent<String, String> event) {
            onChange.accept(event.getKey(), event.getValue());
        }
    }

    /** Leaves the cluster gracefully, so partitions migrate to the remaining members first. */
    @Override
    public void close() {
        if (instance.getLifecycleService().isRunning()) {
            instance.shutdown();
        }
    }
}
