package dev.freeway.loadtest.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What every scenario starts its processes with: the JVM, the gateway jar and a fresh temp directory. */
record Environment(Path java, Path gatewayJar) {
    /** Upstream latency of the simulator's non-streaming answers. */
    static final int UPSTREAM_LATENCY_MS = 20;

    Path tempDir(String scenario) throws IOException {
        return Files.createTempDirectory("freeway-cluster-" + scenario.toLowerCase(Locale.ROOT) + "-");
    }

    Cluster cluster(Path dir, SimulatorProcess simulator, int rpm) throws IOException, InterruptedException {
        return Cluster.start(java, gatewayJar, dir, simulator.baseUrl(), rpm, false);
    }

    /** A cluster whose nodes also run the admin listener and know teams alpha and beta. */
    Cluster clusterWithAdmin(Path dir, SimulatorProcess simulator, int rpm) throws IOException, InterruptedException {
        return Cluster.start(java, gatewayJar, dir, simulator.baseUrl(), rpm, true);
    }

    SimulatorProcess simulator(Path dir, int rpm, int chunkIntervalMs) throws IOException, InterruptedException {
        return SimulatorProcess.start(java, dir, rpm, UPSTREAM_LATENCY_MS, chunkIntervalMs);
    }
}
