package dev.freeway.gateway.cluster.hazelcast;

import com.hazelcast.config.ClasspathYamlConfig;
import com.hazelcast.config.Config;
import io.github.bucket4j.grid.hazelcast.HazelcastProxyManager;

/** Member configs built as {@link HazelcastCluster} builds them, for tests that need the instance itself. */
final class TestMembers {
    private TestMembers() {}

    static Config config(String clusterName, int port) {
        Config config = new ClasspathYamlConfig("hazelcast/embedded.yaml");
        config.setClusterName(clusterName);
        config.setInstanceName(clusterName + "-" + port);
        config.getNetworkConfig().setPort(port);
        config.getSerializationConfig()
                .addDataSerializableFactory(FreewaySerialization.FACTORY_ID, new FreewaySerialization());
        HazelcastProxyManager.addCustomSerializers(
                config.getSerializationConfig(), FreewaySerialization.BUCKET4J_TYPE_ID_BASE);
        return config;
    }
}
