package dev.freeway.loadtest.scenarios;

import dev.freeway.loadtest.generator.Phases;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code bench} command line.
 *
 * @param cluster run the cluster comparison (admission cost) instead of the single-node cells
 */
record BenchOptions(Path gatewayJar, Duration duration, Duration warmup, int repeats, Path out, boolean cluster) {
    static final String USAGE = String.join(
            System.lineSeparator(),
            "usage: java -jar loadtest.jar bench [--gateway-jar gateway-node/target/gateway-node.jar]",
            "         [--duration-s 15] [--warmup-s 5] [--repeats 3] [--out docs/benchmarks.md] [--cluster]",
            "  --cluster: 1 node unlimited, 1 node limited and a 3-node cluster limited, written as one section");

    static BenchOptions parse(String[] args) {
        BenchOptions options = new BenchOptions(
                Path.of("gateway-node/target/gateway-node.jar"),
                Duration.ofSeconds(15),
                Duration.ofSeconds(5),
                3,
                Path.of("docs/benchmarks.md"),
                false);
        int i = 0;
        while (i < args.length) {
            String flag = args[i];
            if (flag.equals("--cluster")) {
                options = new BenchOptions(
                        options.gatewayJar, options.duration, options.warmup, options.repeats, options.out, true);
                i++;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + flag);
            }
            options = options.with(flag, args[i + 1]);
            i += 2;
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
            case "--gateway-jar" -> new BenchOptions(Path.of(value), duration, warmup, repeats, out, cluster);
            case "--duration-s" -> new BenchOptions(gatewayJar, seconds(flag, value), warmup, repeats, out, cluster);
            case "--warmup-s" -> new BenchOptions(gatewayJar, duration, seconds(flag, value), repeats, out, cluster);
            case "--repeats" -> new BenchOptions(gatewayJar, duration, warmup, number(flag, value), out, cluster);
            case "--out" -> new BenchOptions(gatewayJar, duration, warmup, repeats, Path.of(value), cluster);
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
