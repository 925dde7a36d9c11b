package dev.freeway.gateway.config;

/**
 * The embedded Hazelcast member. The name carries the Hazelcast minor version because Community
 * edition cannot mix versions in one cluster: a version bump must form a new cluster.
 */
public record ClusterConfig(String name, Integer port) {
    public ClusterConfig {
        name = name == null ? "freeway-hz56" : name;
        port = port == null ? 5701 : port;
    }

    public static ClusterConfig defaults() {
        return new ClusterConfig(null, null);
    }
}
