package dev.freeway.gateway.cluster.hazelcast;

import com.hazelcast.config.ClasspathYamlConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import dev.freeway.gateway.config.ClusterConfig;
import io.github.bucket4j.grid.hazelcast.HazelcastProxyManager;

/**
 * Builds a member's Hazelcast config: the shipped file for the chosen join ({@code embedded.yaml},
 * {@code tcp-ip.yaml} or {@code kubernetes.yaml} from cluster-config), then the gateway config's
 * name, address, members and properties on top, plus what Freeway always needs (serializers,
 * split-brain protection of the capacity ledger).
 */
final class MemberConfigs {
    static final String LEDGER_PROTECTION = "freeway-majority";
    /** Five missed heartbeats (they come every second). */
    private static final int PROTECTION_HEARTBEAT_TOLERANCE_MILLIS = 5_000;

    private MemberConfigs() {}

    static Config build(ClusterConfig cluster) {
        Config config = new ClasspathYamlConfig(file(cluster.join()));
        config.setClusterName(cluster.name());
        config.setInstanceName(cluster.name() + "-" + cluster.port() + "-" + System.nanoTime());
        cluster.hazelcastProperties().forEach(config::setProperty);
        network(config, cluster);
        config.getSerializationConfig()
                .addDataSerializableFactory(FreewaySerialization.FACTORY_ID, new FreewaySerialization());
        HazelcastProxyManager.addCustomSerializers(
                config.getSerializationConfig(), FreewaySerialization.BUCKET4J_TYPE_ID_BASE);
        if (cluster.minSize() > 1) {
            config.addSplitBrainProtectionConfig(
                    new SplitBrainProtectionConfig(LEDGER_PROTECTION, true, cluster.minSize()));
            config.getMapConfig(HazelcastCluster.BUCKETS).setSplitBrainProtectionName(LEDGER_PROTECTION);
        }
        return config;
    }

    private static String file(ClusterConfig.Join join) {
        return switch (join) {
            case NONE -> "hazelcast/embedded.yaml";
            case TCP_IP -> "hazelcast/tcp-ip.yaml";
            case KUBERNETES -> "hazelcast/kubernetes.yaml";
        };
    }

    private static void network(Config config, ClusterConfig cluster) {
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(cluster.port());
        if (cluster.host() != null) {
            // Several nodes share one machine on 127.0.0.x, which are not interface addresses:
            // each member binds and advertises exactly its own.
            network.getInterfaces().setEnabled(false);
            config.setProperty("hazelcast.local.localAddress", cluster.host());
            config.setProperty("hazelcast.socket.bind.any", "false");
        }
        JoinConfig join = network.getJoin();
        switch (cluster.join()) {
            case TCP_IP -> join.getTcpIpConfig().setMembers(cluster.members());
            case KUBERNETES ->
                join.getKubernetesConfig()
                        .setProperty("service-dns", cluster.kubernetes().serviceDns());
            case NONE -> {}
        }
    }
}
