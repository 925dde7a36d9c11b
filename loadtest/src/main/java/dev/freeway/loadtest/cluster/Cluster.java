package dev.freeway.loadtest.cluster;

import dev.freeway.loadtest.generator.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Three gateway nodes on 127.0.0.1-3 joined over TCP-IP into one Hazelcast cluster, all routing one
 * model to the simulator's single key with a limit of R requests per minute. Optionally with the admin
 * listener and two teams ({@link ClusterAdmin}); off by default, since a second team turns on fair sharing,
 * which adds a cluster call to every admission.
 */
final class Cluster implements AutoCloseable {
    static final int SIZE = 3;
    private static final long START_TIMEOUT_MS = 120_000;

    /**
     * The gateway's own logging, plus Hazelcast's membership changes: the gateway exposes no member count,
     * and {@link NodeProcess#clusterSize} reads it from the log.
     */
    private static final String LOGBACK = String.join(
            "\n",
            "<configuration>",
            "  <appender name=\"STDOUT\" class=\"ch.qos.logback.core.ConsoleAppender\">",
            "    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{30} - %replace(%msg){'[\\r\\n]', ' '}%n</pattern></encoder>",
            "  </appender>",
            "  <logger name=\"com.hazelcast\" level=\"WARN\"/>",
            "  <logger name=\"com.hazelcast.internal.cluster\" level=\"INFO\"/>",
            "  <logger name=\"io.netty\" level=\"WARN\"/>",
            "  <root level=\"INFO\"><appender-ref ref=\"STDOUT\"/></root>",
            "</configuration>",
            "");

    private final List<NodeProcess> nodes;
    private final int memberPort;
    private final ClusterAdmin admin;

    private Cluster(List<NodeProcess> nodes, int memberPort, ClusterAdmin admin) {
        this.nodes = nodes;
        this.memberPort = memberPort;
        this.admin = admin;
    }

    /** @param withAdmin whether the nodes run the admin listener and know teams alpha and beta */
    static Cluster start(Path java, Path gatewayJar, Path dir, String upstreamBaseUrl, int rpm, boolean withAdmin)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(gatewayJar)) {
            throw new IOException(
                    "no gateway jar at " + gatewayJar.toAbsolutePath() + "; build it or pass --gateway-jar");
        }
        List<String> hosts = new ArrayList<>();
        for (int i = 1; i <= SIZE; i++) {
            hosts.add("127.0.0." + i);
        }
        int httpPort = Ports.free(hosts);
        int memberPort = Ports.free(hosts);
        String name = "freeway-scen-" + UUID.randomUUID().toString().substring(0, 8);
        String members =
                hosts.stream().map(h -> "\"" + h + ":" + memberPort + "\"").collect(Collectors.joining(", "));
        ClusterAdmin admin = withAdmin ? ClusterAdmin.generate(hosts) : null;
        String team = admin == null ? "default" : ClusterAdmin.LOAD_TEAM;
        Path logback = Files.writeString(dir.resolve("logback.xml"), LOGBACK);
        List<NodeProcess> nodes = new ArrayList<>();
        for (int i = 0; i < SIZE; i++) {
            String host = hosts.get(i);
            String yaml = config(host, httpPort, name, memberPort, members, upstreamBaseUrl, rpm, team);
            Path config = Files.writeString(
                    dir.resolve("node" + (i + 1) + ".yaml"), admin == null ? yaml : yaml + admin.yaml(host));
            nodes.add(new NodeProcess(
                    i,
                    host,
                    httpPort,
                    java,
                    gatewayJar.toAbsolutePath(),
                    config,
                    logback,
                    dir.resolve("node" + (i + 1) + ".log")));
        }
        Cluster cluster = new Cluster(nodes, memberPort, admin);
        try {
            for (NodeProcess node : nodes) {
                node.start();
            }
            cluster.awaitWhole(START_TIMEOUT_MS);
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** The Hazelcast port every member listens on, each on its own 127.0.0.x. */
    int memberPort() {
        return memberPort;
    }

    NodeProcess node(int index) {
        return nodes.get(index);
    }

    List<Target> targets() {
        return nodes.stream().map(NodeProcess::target).toList();
    }

    /** The API of node {@code index}; only for a cluster started with its admin listener. */
    NodeApi api(int index) {
        if (admin == null) {
            throw new IllegalStateException("this cluster was started without the admin listener");
        }
        return new NodeApi(nodes.get(index), admin);
    }

    /**
     * Every node ready (its admin listener too, when it has one) and seeing all three members: safe to take
     * the next one down.
     */
    void awaitWhole(long timeoutMillis) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        for (int i = 0; i < SIZE; i++) {
            nodes.get(i).awaitReady(Math.max(1, deadline - System.currentTimeMillis()));
            if (admin != null) {
                api(i).awaitAdmin(Math.max(1, deadline - System.currentTimeMillis()));
            }
        }
        while (!whole()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IOException("cluster not whole after " + timeoutMillis + " ms");
            }
            Thread.sleep(100);
        }
    }

    boolean whole() throws IOException {
        for (NodeProcess node : nodes) {
            if (!node.ready() || node.clusterSize() != SIZE) {
                return false;
            }
        }
        return true;
    }

    /** A failed row when any node died without being told to; the figures are then not the gateway's. */
    void reportUnexpectedExits(ScenarioReport report) {
        List<String> dead = nodes.stream()
                .filter(NodeProcess::exitedUnexpectedly)
                .map(NodeProcess::name)
                .toList();
        report.row(
                "nodes that exited unasked", "none", dead.isEmpty() ? "none" : String.join(", ", dead), dead.isEmpty());
    }

    @Override
    public void close() throws InterruptedException {
        for (NodeProcess node : nodes) {
            node.close();
        }
    }

    private static String config(
            String host,
            int httpPort,
            String name,
            int memberPort,
            String members,
            String upstream,
            int rpm,
            String team) {
        return String.join(
                "\n",
                "# Written by the cluster scenarios (loadtest.jar cluster).",
                "server: { host: " + host + ", port: " + httpPort + " }",
                "cluster:",
                "  name: " + name,
                "  host: " + host,
                "  port: " + memberPort,
                "  members: [" + members + "]",
                "  hazelcast_properties: { hazelcast.wait.seconds.before.join: \"1\" }",
                "auth:",
                "  client_keys:",
                "    - { key: \"" + NodeProcess.CLIENT_KEY + "\", team: " + team + " }",
                "providers:",
                "  sim:",
                "    format: openai",
                "    base_url: \"" + upstream + "\"",
                "    keys: [\"" + SimulatorProcess.KEY + "\"]",
                "models:",
                "  - { id: sim-model, provider: sim, context_window: 8192, limits: { rpm: " + rpm + " } }",
                "routing: { admission_timeout_ms: 500 }",
                "");
    }
}
