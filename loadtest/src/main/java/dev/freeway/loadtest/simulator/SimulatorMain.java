package dev.freeway.loadtest.simulator;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Runs a simulator standalone, for benchmarks, until the process is killed. */
public final class SimulatorMain {
    private static final String USAGE = String.join(
            System.lineSeparator(),
            "usage: java -jar loadtest.jar simulator [--host 127.0.0.1] [--port 0]",
            "         [--rpm 0] [--rpd 0] [--tpm 0] [--tpd 0] [--latency-ms 0] [--chunk-interval-ms 0]",
            "         [--failure NONE] [--retry-after-seconds 0] [--name sim] [--models sim-model,...] [--instances 1]",
            "  0 disables a limit or delay; limits are per key, requests (r) or tokens (t) per minute (m) or UTC day (d);",
            "  --failure is one of " + Arrays.toString(FailureMode.values()));

    private SimulatorMain() {}

    public static void main(String[] args) {
        SimulatorOptions options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        // Vert.x event-loop threads are not daemons, so the process keeps serving after main returns.
        ProviderSimulator simulator = ProviderSimulator.start(options);
        System.out.println("simulator " + options.name() + " listening on " + simulator.baseUrl());
    }

    static SimulatorOptions parse(String[] args) {
        SimulatorOptions options = SimulatorOptions.defaults();
        for (int i = 0; i < args.length; i += 2) {
            options = apply(options, args[i], i + 1 < args.length ? args[i + 1] : null);
        }
        return options;
    }

    private static SimulatorOptions apply(SimulatorOptions options, String flag, String value) {
        return switch (flag) {
            case "--host" -> options.withHost(required(flag, value));
            case "--port" -> options.withPort(integer(flag, value));
            case "--rpm" -> options.withRpm(integer(flag, value));
            case "--rpd" -> options.withRpd(integer(flag, value));
            case "--tpm" -> options.withTpm(integer(flag, value));
            case "--tpd" -> options.withTpd(integer(flag, value));
            case "--latency-ms" -> options.withLatency(Duration.ofMillis(integer(flag, value)));
            case "--chunk-interval-ms" -> options.withStreamChunkInterval(Duration.ofMillis(integer(flag, value)));
            case "--failure" -> options.withFailureMode(failureMode(required(flag, value)));
            case "--retry-after-seconds" -> options.withRetryAfterSeconds(integer(flag, value));
            case "--name" -> options.withName(required(flag, value));
            case "--models" -> options.withModels(List.of(required(flag, value).split(",")));
            case "--instances" -> options.withInstances(integer(flag, value));
            default -> throw new IllegalArgumentException("unknown flag: " + flag);
        };
    }

    private static String required(String flag, String value) {
        if (value == null) {
            throw new IllegalArgumentException("missing value for " + flag);
        }
        return value;
    }

    private static int integer(String flag, String value) {
        try {
            return Integer.parseInt(required(flag, value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " expects a whole number, got " + value);
        }
    }

    private static FailureMode failureMode(String value) {
        try {
            return FailureMode.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown failure mode: " + value);
        }
    }
}
