package dev.freeway.loadtest.simulator;

import static dev.freeway.loadtest.simulator.SimClient.json;
import static dev.freeway.loadtest.simulator.SimClient.userMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FailureModeTest {
    private static final String HELLO = userMessage("hi");
    private static final String STREAM =
            "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private ProviderSimulator simulator;
    private SimClient client;

    @BeforeEach
    void start() {
        simulator = ProviderSimulator.start(SimulatorOptions.defaults());
        client = new SimClient(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void failNextFailsThatManyRequestsThenRecovers() {
        simulator.failNext(FailureMode.ERROR_503, 2);

        HttpResponse<String> failed = client.chat(HELLO);
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(json(failed.body()).at("/error/type").asText()).isEqualTo("server_error");
        assertThat(client.chat(HELLO).statusCode()).isEqualTo(503);
        assertThat(client.chat(HELLO).statusCode()).isEqualTo(200);

        assertThat(simulator.stats().byStatus()).isEqualTo(Map.of(200, 1L, 503, 2L));
        assertThat(simulator.stats().succeeded()).isEqualTo(1);
    }

    @Test
    void failureModeAppliesUntilSwitchedBack() {
        simulator.failureMode(FailureMode.ERROR_500);
        assertThat(client.chat(HELLO).statusCode()).isEqualTo(500);
        assertThat(client.chat(HELLO).statusCode()).isEqualTo(500);

        simulator.failureMode(FailureMode.BAD_REQUEST_400);
        HttpResponse<String> badRequest = client.chat(HELLO);
        assertThat(badRequest.statusCode()).isEqualTo(400);
        assertThat(json(badRequest.body()).at("/error/code").asText()).isEqualTo("invalid_value");

        simulator.failureMode(FailureMode.ALWAYS_429);
        HttpResponse<String> limited = client.chat(HELLO);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("retry-after")).isPresent();
        assertThat(json(limited.body()).at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(simulator.stats().rateLimited()).isEqualTo(1);

        simulator.failureMode(FailureMode.NONE);
        assertThat(client.chat(HELLO).statusCode()).isEqualTo(200);
    }

    @Test
    void invalidKeyRefusesTheKeyWithoutEchoingIt() {
        simulator.failNext(FailureMode.INVALID_KEY, 1);

        HttpResponse<String> refused = client.chat(HELLO);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(json(refused.body()).at("/error/code").asText()).isEqualTo("invalid_api_key");
        assertThat(refused.body()).doesNotContain(SimClient.KEY);
        assertThat(client.chat(HELLO).statusCode()).isEqualTo(200);
    }

    @Test
    void resetDropsTheConnectionWithoutAnAnswer() {
        simulator.failNext(FailureMode.RESET, 1);

        assertThatThrownBy(() -> client.chat(HELLO)).isInstanceOf(UncheckedIOException.class);
        assertThat(client.chat(HELLO).statusCode()).isEqualTo(200);
        assertThat(simulator.stats().byStatus()).isEqualTo(Map.of(0, 1L, 200, 1L));
    }

    @Test
    void malformedAnswersAreCutMidObject() {
        simulator.failNext(FailureMode.MALFORMED, 1);

        HttpResponse<String> response = client.chat(HELLO);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        assertThat(response.body()).startsWith("{\"id\":\"chatcmpl-sim-").doesNotEndWith("}");
        assertThat(simulator.stats().succeeded()).isZero();
    }

    @Test
    void streamCutSendsTwoChunksThenDropsTheConnection() throws Exception {
        simulator.failNext(FailureMode.STREAM_CUT, 1);

        String wire = client.chatUntilClosed(STREAM);

        assertThat(wire).startsWith("HTTP/1.1 200 OK").containsIgnoringCase("content-type: text/event-stream");
        assertThat(wire.split("data: ", -1)).as("two events").hasSize(3);
        assertThat(wire)
                .as("no [DONE] and no last chunk")
                .doesNotContain("[DONE]")
                .doesNotEndWith("0\r\n\r\n");

        simulator.failNext(FailureMode.STREAM_CUT, 1);
        assertThatThrownBy(() -> client.chat(HELLO))
                .as("a non-streaming request is reset")
                .isInstanceOf(UncheckedIOException.class);
        assertThat(simulator.stats().succeeded()).isZero();
    }

    @Test
    void hangingRequestsAreReleasedByClose() throws Exception {
        simulator.failureMode(FailureMode.HANG);
        CompletableFuture<HttpResponse<String>> hanging = client.chatAsync(HELLO);
        awaitCondition(() -> simulator.stats().byStatus().containsKey(0));
        assertThat(hanging).isNotDone();
        assertThat(simulator.stats().inFlight()).isEqualTo(1);

        simulator.close();

        assertThat(hanging).failsWithin(5, TimeUnit.SECONDS);
    }

    @Test
    void latencyDelaysTheAnswer() {
        Duration latency = Duration.ofMillis(60);
        simulator.latency(latency);

        long start = System.nanoTime();
        assertThat(client.chat(HELLO).statusCode()).isEqualTo(200);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(latency);
    }

    /** Waits for a condition set by the server's event loop; the test has no other signal to wait on. */
    private static void awaitCondition(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 5 s").isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
