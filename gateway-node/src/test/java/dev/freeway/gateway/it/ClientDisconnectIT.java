package dev.freeway.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.freeway.gateway.testing.MutableClock;
import dev.freeway.gateway.testing.Simulators;
import dev.freeway.gateway.testing.TestConfigs;
import dev.freeway.gateway.testing.TestNode;
import dev.freeway.loadtest.simulator.ProviderSimulator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * A client that hangs up mid-stream does not end the upstream call: the gateway reads it to its end,
 * so the tokens the provider charged for are known, and writes nothing more to the client.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ClientDisconnectIT {
    private final MutableClock clock = MutableClock.at("2026-11-23T10:00:00Z");
    private final Simulators simulators = new Simulators(clock);
    private TestNode node;

    @AfterEach
    void stop() {
        node.close();
        simulators.close();
    }

    @Test
    void hanging_up_mid_stream_reads_the_upstream_stream_to_its_end() throws Exception {
        ProviderSimulator slow =
                simulators.start("slow", options -> options.withStreamChunkInterval(Duration.ofMillis(500)));
        node = TestNode.start(
                TestConfigs.builder()
                        .provider("slow", slow.baseUrl(), "slow-key-00001")
                        .model("m", "slow", 50)
                        .build(),
                clock);
        String body = "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"one two three four five six seven eight nine ten\"}]}";

        try (Socket socket = new Socket("127.0.0.1", node.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\n"
                            + "Authorization: Bearer " + TestConfigs.CLIENT_KEY + "\r\n"
                            + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.startsWith("data: ")) {
                // headers and chunk sizes until the first event
            }
            assertThat(line).startsWith("data: ");
            assertThat(slow.stats().inFlight()).isEqualTo(1);
        }

        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(slow.stats().succeeded())
                        .as("the upstream stream ran to its end after the client left")
                        .isEqualTo(1));
        assertThat(slow.stats().inFlight()).isZero();
    }
}
