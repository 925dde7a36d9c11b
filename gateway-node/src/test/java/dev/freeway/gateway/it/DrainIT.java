package dev.freeway.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.freeway.gateway.testing.MutableClock;
import dev.freeway.gateway.testing.Simulators;
import dev.freeway.gateway.testing.TestConfigs;
import dev.freeway.gateway.testing.TestNode;
import dev.freeway.loadtest.simulator.ProviderSimulator;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** SIGTERM drains: the node stops accepting at once but finishes the streams it is serving. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DrainIT {
    private final MutableClock clock = MutableClock.at("2026-11-23T10:00:00Z");
    private final Simulators simulators = new Simulators(clock);

    @AfterEach
    void stop() {
        simulators.close();
    }

    @Test
    void an_open_stream_finishes_while_new_connections_are_refused() throws Exception {
        ProviderSimulator slow =
                simulators.start("slow", options -> options.withStreamChunkInterval(Duration.ofMillis(150)));
        TestNode node = TestNode.start(
                TestConfigs.builder()
                        .provider("slow", slow.baseUrl(), "slow-key-000001")
                        .model("m", "slow", 50)
                        .build(),
                clock);
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<InputStream> stream = http.send(
                HttpRequest.newBuilder(URI.create(node.baseUrl() + "/chat/completions"))
                        .header("authorization", "Bearer " + TestConfigs.CLIENT_KEY)
                        .header("content-type", "application/json")
                        .POST(
                                HttpRequest.BodyPublishers.ofString(
                                        "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(node::close);
        await().atMost(Duration.ofSeconds(5)).until(() -> refused(http, node));
        String body;
        try (InputStream in = stream.body()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        stopping.get(30, TimeUnit.SECONDS);

        assertThat(body).contains("\"finish_reason\":\"stop\"").endsWith("data: [DONE]\n\n");
    }

    /** True once the node no longer serves new requests: it stops accepting as soon as it drains. */
    private static boolean refused(HttpClient http, TestNode node) throws InterruptedException {
        try {
            http.send(
                    HttpRequest.newBuilder(URI.create(node.rootUrl() + "/health/live"))
                            .timeout(Duration.ofSeconds(1))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return false;
        } catch (IOException refused) {
            return true;
        }
    }
}
