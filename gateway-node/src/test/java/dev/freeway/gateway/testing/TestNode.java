package dev.freeway.gateway.testing;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.freeway.gateway.config.GatewayConfig;
import dev.freeway.gateway.node.GatewayNode;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A real gateway node (embedded Hazelcast member, HTTP on a random port) for one test class. */
public final class TestNode implements AutoCloseable {
    private final Vertx vertx;
    private final GatewayNode node;

    private TestNode(Vertx vertx, GatewayNode node) {
        this.vertx = vertx;
        this.node = node;
    }

    public static TestNode start(GatewayConfig config, Clock clock) {
        Vertx vertx = Vertx.vertx();
        try {
            GatewayNode node = GatewayNode.start(vertx, config, clock)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(60, TimeUnit.SECONDS);
            return new TestNode(vertx, node);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("gateway node did not start", e);
        }
    }

    public int port() {
        return node.port();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
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

    @Override
    public void close() {
        try {
            node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("gateway node did not stop", e);
        }
    }
}
