package dev.freeway.loadtest.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Command line of {@code loadtest.jar cluster}.
 *
 * @param scenarios the scenario names to run, in order
 * @param duration how long T1 offers load; the other scenarios have fixed timelines
 * @param rpm R, the simulator key's requests-per-minute limit in T1
 */
record ClusterOptions(List<String> scenarios, Duration duration, int rpm, Path gatewayJar, Path out) {
    static final List<String> ALL = List.of("T1", "T3", "T5", "T6", "T7", "T10", "T21");
    static final String USAGE = "usage: java -jar loadtest.jar cluster --scenario T1|T3|T5|T6|T7|T10|T21|all"
            + " [--duration-s 300] [--rpm 600] [--gateway-jar gateway-node/target/gateway-node.jar]"
            + " [--out docs/cluster-scenarios.md]";

    static ClusterOptions parse(String[] args) {
        List<String> scenarios = ALL;
        Duration duration = Duration.ofMinutes(5);
        int rpm = 600;
        Path gatewayJar = Path.of("gateway-node/target/gateway-node.jar");
        Path out = Path.of("docs/cluster-scenarios.md");
        for (int i = 0; i < args.length; i += 2) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + flag);
            }
            String value = args[i + 1];
            switch (flag) {
                case "--scenario" -> scenarios = scenarios(value);
                case "--duration-s" -> duration = Duration.ofSeconds(positive(flag, value));
                case "--rpm" -> rpm = positive(flag, value);
                case "--gateway-jar" -> gatewayJar = Path.of(value);
                case "--out" -> out = Path.of(value);
                default -> throw new IllegalArgumentException("unknown flag " + flag);
            }
        }
        return new ClusterOptions(scenarios, duration, rpm, gatewayJar, out);
    }

    private static List<String> scenarios(String value) {
        if (value.equalsIgnoreCase("all")) {
            return ALL;
        }
        String name = value.toUpperCase(Locale.ROOT);
        if (!ALL.contains(name)) {
            throw new IllegalArgumentException("unknown scenario " + value);
        }
        return List.of(name);
    }

    private static int positive(String flag, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(flag + " expects a positive whole number, got " + value);
    }
}
