package dev.freeway.gateway.testing;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.freeway.gateway.config.GatewayConfig;
import dev.freeway.gateway.node.GatewayNode;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/** A real gateway node (embedded Hazelcast member, HTTP on a random port) for one test class. */
public final class TestNode implements AutoCloseable {
    private final Vertx vertx;
    private final GatewayNode node;
    private final String host;
    private boolean closed;

    private TestNode(Vertx vertx, GatewayNode node, String host) {
        this.vertx = vertx;
        this.node = node;
        this.host = host;
    }

    public static TestNode start(GatewayConfig config, Clock clock) {
        Vertx vertx = Vertx.vertx();
        try {
            GatewayNode node = GatewayNode.start(vertx, config, clock)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(60, TimeUnit.SECONDS);
            return new TestNode(vertx, node, config.server().host());
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("gateway node did not start", e);
        }
    }

    public int port() {
        return node.port();
    }

    /** The admin listener's port, -1 when the admin API is off. */
    public int adminPort() {
        return node.adminPort();
    }

    /** Every entry of every map this node's member holds, as text: what a leak scan reads. */
    public String sharedStateDump() {
        StringBuilder dump = new StringBuilder();
        for (var object : member().getDistributedObjects()) {
            if (object instanceof IMap<?, ?> map) {
                map.forEach((key, value) -> dump.append(map.getName())
                        .append(' ')
                        .append(key)
                        .append('=')
                        .append(value instanceof long[] longs ? Arrays.toString(longs) : value)
                        .append('\n'));
            }
        }
        return dump.toString();
    }

    public String rootUrl() {
        return "http://" + host + ":" + port();
    }

    public String baseUrl() {
        return rootUrl() + "/v1";
    }

    public OpenAIClient client() {
        return client(TestConfigs.CLIENT_KEY);
    }

    /** The official SDK, with its own retries off so every status reaches the test. */
    public OpenAIClient client(String apiKey) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(baseUrl())
                .apiKey(apiKey)
                .maxRetries(0)
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    /**
     * Kills the node as {@code kill -9} would: its Hazelcast member vanishes without migrating
     * partitions and its HTTP server stops without draining.
     */
    public synchronized void crash() {
        closed = true;
        member().getLifecycleService().terminate();
        vertx.close();
    }

    /** Requests and tokens in the cluster's usage counters, over every scope and day, read through this member. */
    public long[] usageRecorded() {
        IMap<String, long[]> usage = member().getMap("freeway-usage");
        long requests = 0;
        long tokens = 0;
        for (long[] totals : usage.values()) {
            requests += totals[0];
            tokens += totals[1] + totals[2];
        }
        return new long[] {requests, tokens};
    }

    private HazelcastInstance member() {
        return Hazelcast.getAllHazelcastInstances().stream()
                .filter(member -> member.getLifecycleService().isRunning()
                        && member.getCluster()
                                .getLocalMember()
                                .getAddress()
                                .getHost()
                                .equals(host))
                .findFirst()
                .orElseThrow();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("gateway node did not stop", e);
        }
    }
}
