package dev.freeway.gateway.cluster.hazelcast;

import com.hazelcast.config.Config;
import dev.freeway.gateway.config.ClusterConfig;

/** Member configs built as {@link HazelcastCluster} builds them, for tests that need the instance itself. */
final class TestMembers {
    private TestMembers() {}

    static Config config(String clusterName, int port) {
        return MemberConfigs.build(ClusterConfig.single(clusterName, port));
    }
}
