package dev.freeway.loadtest.scenarios;

import dev.freeway.loadtest.generator.Phases;
import java.nio.file.Path;
import java.time.Duration;

/** The {@code bench} command line. */
record BenchOptions(Path gatewayJar, Duration duration, Duration warmup, int repeats, Path out) {
    static final String USAGE = String.join(
            System.lineSeparator(),
            "usage: java -jar loadtest.jar bench [--gateway-jar gateway-node/target/gateway-node.jar]",
            "         [--duration-s 15] [--warmup-s 5] [--repeats 3] [--out docs/benchmarks.md]");

    static BenchOptions parse(String[] args) {
        BenchOptions options = new BenchOptions(
                Path.of("gateway-node/target/gateway-node.jar"),
                Duration.ofSeconds(15),
                Duration.ofSeconds(5),
                3,
                Path.of("docs/benchmarks.md"));
        for (int i = 0; i < args.length; i += 2) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + flag);
            }
            options = options.with(flag, args[i + 1]);
        }
        if (options.duration.isZero() || options.repeats < 1) {
            throw new IllegalArgumentException("--duration-s and --repeats must be at least 1");
        }
        return options;
    }

    Phases phases() {
        return new Phases(warmup, duration);
    }

    private BenchOptions with(String flag, String value) {
        return switch (flag) {
            case "--gateway-jar" -> new BenchOptions(Path.of(value), duration, warmup, repeats, out);
            case "--duration-s" -> new BenchOptions(gatewayJar, seconds(flag, value), warmup, repeats, out);
            case "--warmup-s" -> new BenchOptions(gatewayJar, duration, seconds(flag, value), repeats, out);
            case "--repeats" -> new BenchOptions(gatewayJar, duration, warmup, number(flag, value), out);
            case "--out" -> new BenchOptions(gatewayJar, duration, warmup, repeats, Path.of(value));
            default -> throw new IllegalArgumentException("unknown flag: " + flag);
        };
    }

    private static Duration seconds(String flag, String value) {
        return Duration.ofSeconds(number(flag, value));
    }

    private static int number(String flag, String value) {
        try {
            int number = Integer.parseInt(value);
            if (number < 0) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " expects a whole number ≥ 0, got " + value);
        }
    }
}
