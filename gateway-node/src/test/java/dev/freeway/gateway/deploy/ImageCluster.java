package dev.freeway.gateway.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

/**
 * A simulator container and gateway containers from the built images, on one Docker network, run
 * the way the Kubernetes manifests run them: read-only root filesystem, writable /tmp only, the
 * config mounted read-only at /etc/freeway, a memory limit.
 */
final class ImageCluster implements AutoCloseable {
    static final String SIMULATOR_HOST = "simulator";
    private static final int HTTP = 8080;
    private static final int SIMULATOR_PORT = 9000;
    private static final long MEMORY_BYTES = 768L * 1024 * 1024;

    private final Network network = Network.newNetwork();
    private final GenericContainer<?> simulator;
    private final List<GenericContainer<?>> gateways;

    private ImageCluster(String gatewayImage, String simulatorImage, int providerRpm, List<String> nodes, Path config) {
        simulator = new GenericContainer<>(DockerImageName.parse(simulatorImage))
                .withNetwork(network)
                .withNetworkAliases(SIMULATOR_HOST)
                .withExposedPorts(SIMULATOR_PORT)
                .withCommand(
                        "simulator",
                        "--host",
                        "0.0.0.0",
                        "--port",
                        Integer.toString(SIMULATOR_PORT),
                        "--rpm",
                        Integer.toString(providerRpm))
                .waitingFor(Wait.forHttp("/v1/models").forPort(SIMULATOR_PORT));
        gateways = nodes.stream()
                .<GenericContainer<?>>map(node -> gateway(gatewayImage, node, config))
                .toList();
    }

    /**
     * Starts the simulator, enforcing {@code providerRpm} per key as a provider would, then every
     * gateway at once: each waits for the others before it serves.
     */
    static ImageCluster start(
            String gatewayImage, String simulatorImage, int providerRpm, List<String> nodes, Path config) {
        ImageCluster cluster = new ImageCluster(gatewayImage, simulatorImage, providerRpm, nodes, config);
        try {
            cluster.simulator.start();
            Startables.deepStart(cluster.gateways).join();
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private GenericContainer<?> gateway(String image, String node, Path config) {
        return new GenericContainer<>(DockerImageName.parse(image))
                .withNetwork(network)
                .withNetworkAliases(node)
                .withExposedPorts(HTTP)
                .withFileSystemBind(config.toString(), "/etc/freeway/freeway.yaml", BindMode.READ_ONLY)
                .withTmpFs(Map.of("/tmp", "rw"))
                .withCreateContainerCmdModifier(create ->
                        create.getHostConfig().withReadonlyRootfs(true).withMemory(MEMORY_BYTES))
                // Ready only once the member sees the whole cluster (min_size), so a started
                // container is a member of the full cluster.
                .waitingFor(Wait.forHttp("/health/ready")
                        .forPort(HTTP)
                        .forStatusCode(200)
                        .withStartupTimeout(Duration.ofMinutes(2)));
    }

    int size() {
        return gateways.size();
    }

    /** {@code http://host:port} of a gateway as the test reaches it. */
    String gatewayUrl(int index) {
        GenericContainer<?> gateway = gateways.get(index);
        return "http://" + gateway.getHost() + ":" + gateway.getMappedPort(HTTP);
    }

    String simulatorUrl() {
        return "http://" + simulator.getHost() + ":" + simulator.getMappedPort(SIMULATOR_PORT);
    }

    /** Every gateway's output, for the failure message of an assertion. */
    String gatewayLogs() {
        StringBuilder logs = new StringBuilder();
        IntStream.range(0, gateways.size())
                .forEach(i -> logs.append("--- gateway ")
                        .append(i + 1)
                        .append('\n')
                        .append(gateways.get(i).getLogs()));
        return logs.toString();
    }

    @Override
    public void close() {
        gateways.forEach(GenericContainer::stop);
        simulator.stop();
        network.close();
    }
}
