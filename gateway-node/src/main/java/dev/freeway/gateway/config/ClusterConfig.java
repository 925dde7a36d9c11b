package dev.freeway.gateway.config;

import java.util.List;
import java.util.Map;

/**
 * The embedded Hazelcast member of this node and how it finds the others. The name carries the
 * Hazelcast minor version because Community edition cannot mix versions in one cluster: a version
 * bump must form a new cluster.
 *
 * @param host address the member binds to and advertises; defaults to loopback for the single
 *     embedded member, and to Hazelcast's own choice when it joins others
 * @param members TCP-IP join: every member's {@code host:port}; empty = no TCP-IP join
 * @param kubernetes DNS join through a headless service; null = no Kubernetes join
 * @param minSize split-brain protection: below this many members the shared limits refuse writes and
 *     the node falls back to its 1/N local share; defaults to a majority of {@code members}, 2 under
 *     Kubernetes, 1 (off) for the single embedded member
 * @param hazelcastProperties Hazelcast system properties that override the member config's tuning
 */
public record ClusterConfig(
        String name,
        String host,
        Integer port,
        List<String> members,
        KubernetesJoin kubernetes,
        Integer minSize,
        Map<String, String> hazelcastProperties) {

    public ClusterConfig {
        name = name == null ? "freeway-hz56" : name;
        port = port == null ? 5701 : port;
        members = members == null ? List.of() : List.copyOf(members);
        host = host != null ? host : members.isEmpty() && kubernetes == null ? "127.0.0.1" : null;
        minSize = minSize != null ? minSize : kubernetes != null ? 2 : members.size() / 2 + 1;
        hazelcastProperties = hazelcastProperties == null ? Map.of() : Map.copyOf(hazelcastProperties);
    }

    public static ClusterConfig defaults() {
        return new ClusterConfig(null, null, null, null, null, null, null);
    }

    /** A single embedded member with this name and port (laptop default, tests). */
    public static ClusterConfig single(String name, int port) {
        return new ClusterConfig(name, null, port, null, null, null, null);
    }

    public Join join() {
        return kubernetes != null ? Join.KUBERNETES : members.isEmpty() ? Join.NONE : Join.TCP_IP;
    }

    public enum Join {
        NONE,
        TCP_IP,
        KUBERNETES
    }

    /** @param serviceDns the headless service whose DNS records list the gateway pods */
    public record KubernetesJoin(String serviceDns) {}
}
