package dev.freeway.loadtest.scenarios;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The configuration file of one gateway node under test: the simulator as its only provider, one key, one
 * model. A limited model's limits are far beyond what the benchmark can send, so every request is admitted
 * and settled through the shared ledger and none is ever refused.
 *
 * @param members every member's {@code host:port}; empty for a single embedded member
 */
record NodeConfig(
        String host,
        int port,
        String clusterName,
        int clusterPort,
        List<String> members,
        boolean limited,
        String upstreamBaseUrl) {
    static final String CLIENT_KEY = "sk-bench-client-key-0001";
    static final String PROVIDER_KEY = "sim-key-000000001";

    /** A fresh name per gateway keeps separately started gateways from ever joining each other. */
    static NodeConfig single(String upstreamBaseUrl, boolean limited) throws IOException {
        String host = "127.0.0.1";
        return new NodeConfig(
                host, freePort(host), freshClusterName(), freePort(host), List.of(), limited, upstreamBaseUrl);
    }

    /** A cluster of {@code size} limited nodes on 127.0.0.1, 127.0.0.2, ... as separate machines would be. */
    static List<NodeConfig> cluster(String upstreamBaseUrl, int size) throws IOException {
        String name = freshClusterName();
        List<String> members = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            String host = "127.0.0." + i;
            members.add(host + ":" + freePort(host));
        }
        List<NodeConfig> nodes = new ArrayList<>();
        for (String member : members) {
            String host = member.substring(0, member.indexOf(':'));
            int clusterPort = Integer.parseInt(member.substring(member.indexOf(':') + 1));
            nodes.add(new NodeConfig(host, freePort(host), name, clusterPort, members, true, upstreamBaseUrl));
        }
        return nodes;
    }

    String yaml() {
        return String.join(
                "\n",
                "# Written by the benchmark. instances: 0 = one event loop per core.",
                "server: { host: " + host + ", port: " + port + ", instances: 0 }",
                clusterYaml(),
                "auth: { client_keys: [ { key: \"" + CLIENT_KEY + "\", team: bench } ] }",
                "providers: { sim: { format: openai, base_url: \"" + upstreamBaseUrl + "\", keys: [\"" + PROVIDER_KEY
                        + "\"] } }",
                "models: [ { id: bench-model, provider: sim, score: 50, context_window: 131072"
                        + (limited ? ", limits: { rpm: 10000000, tpm: 10000000000 }" : "") + " } ]",
                "");
    }

    /**
     * Members wait for each other (initial.min.cluster.size) before the node serves HTTP, so a ready node is
     * in the full cluster: a member that started alone would admit locally until a split-brain merge minutes
     * later, measuring the wrong thing.
     */
    private String clusterYaml() {
        String common = "name: " + clusterName + ", port: " + clusterPort;
        if (members.isEmpty()) {
            return "cluster: { " + common + " }";
        }
        return "cluster: { " + common + ", host: " + host + ", members: [\"" + String.join("\", \"", members)
                + "\"], hazelcast_properties: { \"hazelcast.wait.seconds.before.join\": \"1\", "
                + "\"hazelcast.initial.min.cluster.size\": \"" + members.size() + "\" } }";
    }

    private static String freshClusterName() {
        return "freeway-bench-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static int freePort(String host) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        }
    }
}
