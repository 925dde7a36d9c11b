package dev.freeway.loadtest.simulator;

import static dev.freeway.loadtest.simulator.SimClient.json;
import static dev.freeway.loadtest.simulator.SimClient.userMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SimulatorLifecycleTest {
    @Test
    void instancesShareOnePortAndOneSetOfCounters() {
        try (ProviderSimulator simulator = ProviderSimulator.start(
                SimulatorOptions.defaults().withInstances(3).withLatency(Duration.ofMillis(20)))) {
            SimClient client = new SimClient(simulator);
            List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                responses.add(client.chatAsync(userMessage("request " + i)));
            }

            assertThat(responses)
                    .allSatisfy(
                            response -> assertThat(response.join().statusCode()).isEqualTo(200));
            assertThat(simulator.stats().totalRequests()).isEqualTo(20);
            assertThat(simulator.stats().succeeded()).isEqualTo(20);
            assertThat(simulator.stats().maxInFlight()).isBetween(1L, 20L);
        }
    }

    @Test
    void runsOnTheCallersVertxWithoutClosingIt() {
        Vertx vertx = Vertx.vertx();
        try {
            ProviderSimulator first =
                    ProviderSimulator.start(vertx, SimulatorOptions.defaults().withName("a"));
            ProviderSimulator second = ProviderSimulator.start(
                    vertx, SimulatorOptions.defaults().withName("b").withInstances(2));
            assertThat(first.port()).isNotEqualTo(second.port());
            assertThat(second.baseUrl()).isEqualTo("http://127.0.0.1:" + second.port() + "/v1");
            assertThat(json(new SimClient(second).chat(userMessage("hi")).body())
                            .at("/choices/0/message/content")
                            .asText())
                    .isEqualTo("Hello from b: hi");

            first.close();
            second.close();

            assertThat(vertx.deploymentIDs()).isEmpty();
            assertThat(vertx.setTimer(1, id -> {})).as("vertx still usable").isNotNegative();
            assertThatThrownBy(() -> new SimClient(second).chat(userMessage("hi")))
                    .isInstanceOf(RuntimeException.class);
        } finally {
            vertx.close().await();
        }
    }

    @Test
    void failsToStartOnATakenPort() {
        try (ProviderSimulator simulator = ProviderSimulator.start(SimulatorOptions.defaults())) {
            assertThatThrownBy(() ->
                            ProviderSimulator.start(SimulatorOptions.defaults().withPort(simulator.port())))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot listen");
        }
    }

    @Test
    void controlEndpointsReportAndResetStats() {
        Instant now = Instant.parse("2025-03-01T10:00:00Z");
        long minute = now.toEpochMilli() / 60_000;
        try (ProviderSimulator simulator =
                ProviderSimulator.start(SimulatorOptions.defaults().withClock(new MutableClock(now)))) {
            SimClient client = new SimClient(simulator);
            client.chat(userMessage("hi"));
            client.chat("other", userMessage("hi"));

            HttpResponse<String> stats = client.get("/_sim/stats");
            assertThat(stats.statusCode()).isEqualTo(200);
            assertThat(json(stats.body()))
                    .isEqualTo(json("{\"totalRequests\":2,\"succeeded\":2,\"rateLimited\":0,\"inFlight\":0,"
                            + "\"maxInFlight\":1,\"byStatus\":{\"200\":2},\"requestsByKey\":{\"other\":1,\"sk-test\":1},"
                            + "\"requestsByFormat\":{\"openai\":2,\"gemini\":0,\"anthropic\":0,\"cohere\":0,"
                            + "\"cloudflare\":0},\"requestsByAccount\":{},"
                            + "\"windows\":[{\"key\":\"other\",\"minute\":" + minute
                            + ",\"requests\":1,\"tokens\":9,\"rateLimited\":0},"
                            + "{\"key\":\"sk-test\",\"minute\":" + minute
                            + ",\"requests\":1,\"tokens\":9,\"rateLimited\":0}]}"));

            assertThat(client.post("/_sim/reset").statusCode()).isEqualTo(204);
            assertThat(simulator.stats().totalRequests()).isZero();
            assertThat(simulator.stats().requestsByKey()).isEmpty();
        }
    }
}
