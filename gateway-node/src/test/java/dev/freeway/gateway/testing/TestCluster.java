package dev.freeway.gateway.testing;

import static org.awaitility.Awaitility.await;

import dev.freeway.gateway.config.ClusterConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * Several real gateway nodes, each with its own Vert.x and Hazelcast member, on 127.0.0.1,
 * 127.0.0.2, ... joined by TCP-IP into one cluster. Started together (as pods are) and returned
 * once every node reports ready, which needs the whole cluster's quorum.
 */
public final class TestCluster implements AutoCloseable {
    /** Short waits so tests see joins and merges in seconds. */
    private static final Map<String, String> FAST =
            Map.of("hazelcast.wait.seconds.before.join", "0", "hazelcast.partition.migration.interval", "0");

    private final List<TestNode> nodes;

    private TestCluster(List<TestNode> nodes) {
        this.nodes = nodes;
    }

    /** @param config the configuration every node shares; the cluster section is set per node */
    public static TestCluster start(int size, Clock clock, UnaryOperator<TestConfigs> config) {
        String name = "freeway-it-" + UUID.randomUUID();
        List<String> hosts = new ArrayList<>();
        List<String> members = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            String host = "127.0.0." + i;
            hosts.add(host);
            members.add(host + ":" + freePort(host));
        }
        List<CompletableFuture<TestNode>> starting = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String host = hosts.get(i);
            int port = Integer.parseInt(members.get(i).substring(host.length() + 1));
            ClusterConfig cluster = new ClusterConfig(name, host, port, members, null, null, FAST);
            starting.add(CompletableFuture.supplyAsync(() -> TestNode.start(
                    config.apply(TestConfigs.builder()).cluster(cluster, host).build(), clock)));
        }
        List<TestNode> nodes = starting.stream().map(CompletableFuture::join).toList();
        TestCluster cluster = new TestCluster(new ArrayList<>(nodes));
        await().atMost(Duration.ofSeconds(60)).until(() -> nodes.stream().allMatch(TestCluster::ready));
        return cluster;
    }

    public TestNode node(int index) {
        return nodes.get(index);
    }

    public List<TestNode> nodes() {
        return List.copyOf(nodes);
    }

    public static boolean ready(TestNode node) {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(node.rootUrl() + "/health/ready"))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on " + host, e);
        }
    }

    @Override
    public void close() {
        nodes.forEach(TestNode::close);
    }
}
