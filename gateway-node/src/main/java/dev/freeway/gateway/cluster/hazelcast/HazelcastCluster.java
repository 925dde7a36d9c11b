package dev.freeway.gateway.cluster.hazelcast;

import com.hazelcast.config.ClasspathYamlConfig;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.freeway.gateway.cluster.PenaltyBook;
import dev.freeway.gateway.cluster.StickySessions;
import dev.freeway.gateway.config.ClusterConfig;
import dev.freeway.gateway.limits.CapacityLedger;
import io.github.bucket4j.grid.hazelcast.HazelcastProxyManager;
import java.time.Clock;

/**
 * The embedded Hazelcast member and the cluster-backed services built on it. The only public
 * entry point of this package: nothing outside it imports Hazelcast or Bucket4j.
 */
public final class HazelcastCluster implements AutoCloseable {
    static final String BUCKETS = "freeway-buckets";
    static final String PENALTIES = "freeway-penalties";
    static final String STICKY = "freeway-sticky";
    private static final String EMBEDDED = "hazelcast/embedded.yaml";

    private final HazelcastInstance instance;

    private HazelcastCluster(HazelcastInstance instance) {
        this.instance = instance;
    }

    /** Starts the member; blocks until it runs, so call it before serving traffic. */
    public static HazelcastCluster start(ClusterConfig cluster) {
        System.setProperty("hazelcast.logging.type", "slf4j");
        Config config = new ClasspathYamlConfig(EMBEDDED);
        config.setClusterName(cluster.name());
        config.getNetworkConfig().setPort(cluster.port());
        config.getSerializationConfig()
                .addDataSerializableFactory(FreewaySerialization.FACTORY_ID, new FreewaySerialization());
        HazelcastProxyManager.addCustomSerializers(
                config.getSerializationConfig(), FreewaySerialization.BUCKET4J_TYPE_ID_BASE);
        config.setInstanceName(cluster.name() + "-" + cluster.port() + "-" + System.nanoTime());
        return new HazelcastCluster(Hazelcast.newHazelcastInstance(config));
    }

    public CapacityLedger ledger(Clock clock) {
        return new Bucket4jLedger(instance.getMap(BUCKETS), clock);
    }

    public PenaltyBook penalties(Clock clock, long decayMillisPerPoint, long baseCooldownMillis) {
        return new HzPenaltyBook(instance.getMap(PENALTIES), clock, decayMillisPerPoint, baseCooldownMillis);
    }

    public StickySessions stickySessions(Clock clock, long ttlMillis) {
        return new HzStickySessions(instance.getMap(STICKY), clock, ttlMillis);
    }

    /** A local, non-blocking check that the member still runs. */
    public boolean isRunning() {
        return instance.getLifecycleService().isRunning();
    }

    /** Leaves the cluster gracefully, so partitions migrate to the remaining members first. */
    @Override
    public void close() {
        if (instance.getLifecycleService().isRunning()) {
            instance.shutdown();
        }
    }
}
