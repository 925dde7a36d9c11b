package dev.freeway.loadtest.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorMainTest {
    @Test
    void parsesEveryFlag() {
        SimulatorOptions options = SimulatorMain.parse(new String[] {
            "--host",
            "0.0.0.0",
            "--port",
            "9000",
            "--rpm",
            "30",
            "--rpd",
            "1000",
            "--tpm",
            "6000",
            "--tpd",
            "500000",
            "--latency-ms",
            "50",
            "--chunk-interval-ms",
            "10",
            "--failure",
            "hang",
            "--retry-after-seconds",
            "5",
            "--name",
            "groq",
            "--models",
            "a,b",
            "--instances",
            "2"
        });

        assertThat(options)
                .isEqualTo(SimulatorOptions.defaults()
                        .withHost("0.0.0.0")
                        .withPort(9000)
                        .withRpm(30)
                        .withRpd(1000)
                        .withTpm(6000)
                        .withTpd(500000)
                        .withLatency(Duration.ofMillis(50))
                        .withStreamChunkInterval(Duration.ofMillis(10))
                        .withFailureMode(FailureMode.HANG)
                        .withRetryAfterSeconds(5)
                        .withName("groq")
                        .withModels(List.of("a", "b"))
                        .withInstances(2));
    }

    @Test
    void rejectsUnknownFlagsAndBadValues() {
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--verbose"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown flag: --verbose");
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--rpm", "many"}))
                .hasMessageContaining("--rpm");
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--failure", "SOMETIMES"}))
                .hasMessageContaining("SOMETIMES");
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--port"})).hasMessageContaining("missing value");
    }
}
