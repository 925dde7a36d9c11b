package dev.freeway.loadtest.scenarios;

import dev.freeway.loadtest.generator.Target;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One gateway setup under test: a single node, or the members of one cluster, each a child JVM. */
final class GatewayNodes implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final String label;
    private final List<GatewayProcess> nodes = new ArrayList<>();

    private GatewayNodes(String label) {
        this.label = label;
    }

    /**
     * Launches every node before waiting for any: cluster members wait for each other before serving, and a
     * member that fails to start is noticed at once rather than after its peers' timeout.
     */
    static GatewayNodes start(String label, Path java, Path jar, List<NodeConfig> configs)
            throws IOException, InterruptedException {
        GatewayNodes gateway = new GatewayNodes(label);
        try {
            for (NodeConfig config : configs) {
                gateway.nodes.add(GatewayProcess.launch(java, jar, config));
            }
            gateway.awaitReady();
        } catch (IOException | InterruptedException | RuntimeException e) {
            gateway.close();
            throw e;
        }
        return gateway;
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        List<GatewayProcess> waiting = new ArrayList<>(nodes);
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (GatewayProcess node : List.copyOf(waiting)) {
                if (node.ready(http)) {
                    waiting.remove(node);
                }
            }
            if (waiting.isEmpty()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IOException(label + " not ready after " + READY_TIMEOUT.toSeconds() + " s; see "
                + waiting.stream().map(GatewayProcess::log).toList());
    }

    String label() {
        return label;
    }

    List<Target> targets() {
        return nodes.stream().map(GatewayProcess::target).toList();
    }

    List<Long> pids() {
        return nodes.stream().map(GatewayProcess::pid).toList();
    }

    List<Path> logs() {
        return nodes.stream().map(GatewayProcess::log).toList();
    }

    @Override
    public void close() throws InterruptedException {
        for (GatewayProcess node : nodes) {
            node.close();
        }
    }
}
