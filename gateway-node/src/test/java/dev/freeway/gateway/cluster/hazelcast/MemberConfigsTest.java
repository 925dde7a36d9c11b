package dev.freeway.gateway.cluster.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.config.MapConfig;
import com.hazelcast.partition.strategy.StringPartitioningStrategy;
import dev.freeway.gateway.config.ClusterConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The shipped member configs, selected and overridden by the gateway config, keep Freeway's rules. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MemberConfigsTest {
    private static final List<String> MEMBERS = List.of("127.0.0.1:5701", "127.0.0.2:5701", "127.0.0.3:5701");

    @Test
    void no_join_is_the_single_embedded_member_on_loopback_without_protection() {
        Config config = MemberConfigs.build(ClusterConfig.defaults());

        assertThat(config.getNetworkConfig().getJoin().getTcpIpConfig().isEnabled())
                .isFalse();
        assertThat(config.getNetworkConfig().getJoin().getKubernetesConfig().isEnabled())
                .isFalse();
        assertThat(config.getProperty("hazelcast.local.localAddress")).isEqualTo("127.0.0.1");
        assertThat(config.getMapConfig(HazelcastCluster.BUCKETS).getSplitBrainProtectionName())
                .isNull();
    }

    @Test
    void a_member_list_selects_tcp_ip_with_a_majority_as_split_brain_minimum() {
        Config config = MemberConfigs.build(new ClusterConfig("c", "127.0.0.2", 5701, MEMBERS, null, null, null));

        assertThat(config.getNetworkConfig().getJoin().getTcpIpConfig().isEnabled())
                .isTrue();
        assertThat(config.getNetworkConfig().getJoin().getTcpIpConfig().getMembers())
                .isEqualTo(MEMBERS);
        assertThat(config.getProperty("hazelcast.local.localAddress")).isEqualTo("127.0.0.2");
        String protection = config.getMapConfig(HazelcastCluster.BUCKETS).getSplitBrainProtectionName();
        assertThat(config.getSplitBrainProtectionConfig(protection).getMinimumClusterSize())
                .isEqualTo(2);
    }

    @Test
    void a_service_name_selects_the_kubernetes_dns_join() {
        Config config = MemberConfigs.build(new ClusterConfig(
                "c", null, 5701, null, new ClusterConfig.KubernetesJoin("svc.ns.svc.cluster.local"), null, null));

        assertThat(config.getNetworkConfig().getJoin().getKubernetesConfig().isEnabled())
                .isTrue();
        assertThat(config.getNetworkConfig().getJoin().getKubernetesConfig().getProperty("service-dns"))
                .isEqualTo("svc.ns.svc.cluster.local");
        assertThat(config.getNetworkConfig().getJoin().getTcpIpConfig().isEnabled())
                .isFalse();
    }

    @Test
    void every_join_gets_tuned_failure_detection_backups_and_the_merge_policies() {
        for (ClusterConfig cluster : List.of(
                ClusterConfig.defaults(), new ClusterConfig("c", "127.0.0.1", 5701, MEMBERS, null, null, null))) {
            Config config = MemberConfigs.build(cluster);
            assertThat(config.getProperty("hazelcast.max.no.heartbeat.seconds")).isEqualTo("10");
            assertThat(config.getProperty("hazelcast.shutdownhook.enabled")).isEqualTo("false");
            assertThat(config.getProperty("hazelcast.merge.next.run.delay.seconds"))
                    .isEqualTo("30");
            MapConfig buckets = config.getMapConfig(HazelcastCluster.BUCKETS);
            assertThat(buckets.getBackupCount()).isEqualTo(1);
            assertThat(buckets.getMergePolicyConfig().getPolicy()).isEqualTo(BucketMergePolicy.class.getName());
            assertThat(config.getMapConfig(HazelcastCluster.PENALTIES)
                            .getMergePolicyConfig()
                            .getPolicy())
                    .isEqualTo(PenaltyMergePolicy.class.getName());
            assertThat(config.getMapConfig(HazelcastCluster.STICKY).getBackupCount())
                    .isEqualTo(1);
        }
    }

    @Test
    void the_windows_of_a_scope_share_one_partition() {
        MapConfig buckets = MemberConfigs.build(ClusterConfig.defaults()).getMapConfig(HazelcastCluster.BUCKETS);
        StringPartitioningStrategy strategy = new StringPartitioningStrategy();

        assertThat(buckets.getPartitioningStrategyConfig().getPartitioningStrategyClass())
                .isEqualTo(StringPartitioningStrategy.class.getName());
        assertThat(strategy.getPartitionKey("rm@groq#ab12/llama@cf"))
                .isEqualTo(strategy.getPartitionKey("td@groq#ab12/llama@cf"))
                .isEqualTo("groq#ab12/llama@cf");
    }

    @Test
    void operator_properties_override_the_shipped_tuning() {
        Config config = MemberConfigs.build(new ClusterConfig(
                "c", null, 5701, null, null, null, Map.of("hazelcast.merge.next.run.delay.seconds", "5")));

        assertThat(config.getProperty("hazelcast.merge.next.run.delay.seconds")).isEqualTo("5");
    }
}
