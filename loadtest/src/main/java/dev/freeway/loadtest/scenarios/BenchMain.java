package dev.freeway.loadtest.scenarios;

import dev.freeway.loadtest.generator.LoadGenerator;
import dev.freeway.loadtest.generator.Target;
import dev.freeway.loadtest.simulator.ProviderSimulator;
import dev.freeway.loadtest.simulator.SimulatorOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar loadtest.jar bench}: the gateway's overhead against direct calls to the simulator,
 * written to docs/benchmarks.md. Every run is time-bounded, so the whole bench ends by itself.
 */
public final class BenchMain {
    private static final String BUILD = "mvn -q -B -o -DskipTests install";
    private static final String SELF = "java -jar loadtest/target/loadtest.jar bench";

    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        String command = BUILD + " && " + SELF + (args.length == 0 ? "" : " " + String.join(" ", args));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Machine machine = Machine.describe(java);
        ProcFs proc = ProcFs.open();
        long runSeconds = Cell.ALL.size()
                * options.repeats()
                * 2L
                * (options.warmup().toSeconds() + options.duration().toSeconds());
        System.out.printf(
                "bench: %d cells x %d repeats, about %d min%n",
                Cell.ALL.size(), options.repeats(), Math.round(runSeconds / 60.0) + 1);

        List<CellSummary> summaries = new ArrayList<>();
        try (ProviderSimulator simulator =
                        ProviderSimulator.start(SimulatorOptions.defaults().withName("sim"));
                LoadGenerator generator = new LoadGenerator();
                GatewayProcess gateway = GatewayProcess.start(java, options.gatewayJar(), simulator.baseUrl())) {
            Target direct = new Target("direct", "127.0.0.1", simulator.port(), "sim-key-000000001", "bench-model");
            BenchRunner runner =
                    new BenchRunner(generator, simulator, direct, gateway, proc, options.phases(), options.repeats());
            runner.prime();
            for (Cell cell : Cell.ALL) {
                summaries.add(runner.run(cell));
            }
        }
        String report = new BenchReport(machine, Machine.loadAverage(), command, options, summaries).markdown();
        System.out.println();
        System.out.print(report);
        Path out = options.out().toAbsolutePath();
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println();
        System.out.println("wrote " + out);
    }
}
