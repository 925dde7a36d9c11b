package dev.freeway.loadtest.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Start-up configuration of a {@link ProviderSimulator}. Zero means "off" for limits, delays and
 * {@code retryAfterSeconds} (then Retry-After counts down to the window reset); port 0 picks a free port.
 * Every limit is per key: {@code rpm}/{@code tpm} per clock minute, {@code rpd}/{@code tpd} per UTC day.
 */
public record SimulatorOptions(
        String host,
        int port,
        int rpm,
        int rpd,
        int tpm,
        int tpd,
        Duration latency,
        Duration streamChunkInterval,
        FailureMode failureMode,
        int retryAfterSeconds,
        String name,
        List<String> models,
        int instances,
        Clock clock) {

    public SimulatorOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(streamChunkInterval, "streamChunkInterval");
        Objects.requireNonNull(failureMode, "failureMode");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(clock, "clock");
        models = List.copyOf(models);
        requireAtLeast("port", port, 0);
        requireAtLeast("rpm", rpm, 0);
        requireAtLeast("rpd", rpd, 0);
        requireAtLeast("tpm", tpm, 0);
        requireAtLeast("tpd", tpd, 0);
        requireAtLeast("retryAfterSeconds", retryAfterSeconds, 0);
        requireAtLeast("instances", instances, 1);
        if (port > 65535) {
            throw new IllegalArgumentException("port must be at most 65535, got " + port);
        }
        if (latency.isNegative() || streamChunkInterval.isNegative()) {
            throw new IllegalArgumentException("latency and streamChunkInterval must not be negative");
        }
        if (models.isEmpty()) {
            throw new IllegalArgumentException("models must not be empty");
        }
    }

    public static SimulatorOptions defaults() {
        return new SimulatorOptions(
                "127.0.0.1",
                0,
                0,
                0,
                0,
                0,
                Duration.ZERO,
                Duration.ZERO,
                FailureMode.NONE,
                0,
                "sim",
                List.of("sim-model"),
                1,
                Clock.systemUTC());
    }

    public SimulatorOptions withHost(String host) {
        return with(b -> b.host = host);
    }

    public SimulatorOptions withPort(int port) {
        return with(b -> b.port = port);
    }

    public SimulatorOptions withRpm(int rpm) {
        return with(b -> b.rpm = rpm);
    }

    public SimulatorOptions withRpd(int rpd) {
        return with(b -> b.rpd = rpd);
    }

    public SimulatorOptions withTpm(int tpm) {
        return with(b -> b.tpm = tpm);
    }

    public SimulatorOptions withTpd(int tpd) {
        return with(b -> b.tpd = tpd);
    }

    public SimulatorOptions withLatency(Duration latency) {
        return with(b -> b.latency = latency);
    }

    public SimulatorOptions withStreamChunkInterval(Duration streamChunkInterval) {
        return with(b -> b.streamChunkInterval = streamChunkInterval);
    }

    public SimulatorOptions withFailureMode(FailureMode failureMode) {
        return with(b -> b.failureMode = failureMode);
    }

    public SimulatorOptions withRetryAfterSeconds(int retryAfterSeconds) {
        return with(b -> b.retryAfterSeconds = retryAfterSeconds);
    }

    public SimulatorOptions withName(String name) {
        return with(b -> b.name = name);
    }

    public SimulatorOptions withModels(List<String> models) {
        return with(b -> b.models = models);
    }

    public SimulatorOptions withInstances(int instances) {
        return with(b -> b.instances = instances);
    }

    public SimulatorOptions withClock(Clock clock) {
        return with(b -> b.clock = clock);
    }

    // Goes back through the canonical constructor, so every wither validates exactly as `new` does.
    private SimulatorOptions with(Consumer<Builder> change) {
        Builder b = new Builder(this);
        change.accept(b);
        return b.build();
    }

    private static final class Builder {
        String host;
        int port;
        int rpm;
        int rpd;
        int tpm;
        int tpd;
        Duration latency;
        Duration streamChunkInterval;
        FailureMode failureMode;
        int retryAfterSeconds;
        String name;
        List<String> models;
        int instances;
        Clock clock;

        Builder(SimulatorOptions o) {
            host = o.host;
            port = o.port;
            rpm = o.rpm;
            rpd = o.rpd;
            tpm = o.tpm;
            tpd = o.tpd;
            latency = o.latency;
            streamChunkInterval = o.streamChunkInterval;
            failureMode = o.failureMode;
            retryAfterSeconds = o.retryAfterSeconds;
            name = o.name;
            models = o.models;
            instances = o.instances;
            clock = o.clock;
        }

        SimulatorOptions build() {
            return new SimulatorOptions(
                    host,
                    port,
                    rpm,
                    rpd,
                    tpm,
                    tpd,
                    latency,
                    streamChunkInterval,
                    failureMode,
                    retryAfterSeconds,
                    name,
                    models,
                    instances,
                    clock);
        }
    }

    private static void requireAtLeast(String field, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(field + " must be at least " + min + ", got " + value);
        }
    }
}
