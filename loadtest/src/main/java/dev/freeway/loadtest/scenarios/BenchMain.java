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
 * written to docs/benchmarks.md; with {@code --cluster}, the admission cost in a 3-node cluster, written
 * as one section of that page. Every run is time-bounded, so the whole bench ends by itself.
 */
public final class BenchMain {
    private static final String BUILD = "mvn -q -B -o -DskipTests install";
    private static final String SELF = "java -jar loadtest/target/loadtest.jar bench";

    private final BenchOptions options;
    private final String command;
    private final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    private final Machine machine;
    private final ProcFs proc;

    private BenchMain(BenchOptions options, String command) throws Exception {
        this.options = options;
        this.command = command;
        this.machine = Machine.describe(java);
        this.proc = ProcFs.open();
    }

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
        new BenchMain(options, command).run();
    }

    private void run() throws Exception {
        List<Cell> cells = options.cluster() ? Cell.CLUSTER : Cell.ALL;
        int setups = options.cluster() ? AdmissionSummary.SETUPS.size() : 1;
        long runSeconds = cells.size()
                * options.repeats()
                * (setups + 1L)
                * (options.warmup().toSeconds() + options.duration().toSeconds());
        System.out.printf(
                "bench: %d cells x %d repeats x %d setups, about %d min%n",
                cells.size(), options.repeats(), setups, Math.round(runSeconds / 60.0) + 1);
        Path out = options.out().toAbsolutePath();
        String page = Files.isRegularFile(out) ? Files.readString(out) : "";
        try (ProviderSimulator simulator =
                        ProviderSimulator.start(SimulatorOptions.defaults().withName("sim"));
                LoadGenerator generator = new LoadGenerator()) {
            Target direct = new Target("direct", "127.0.0.1", simulator.port(), NodeConfig.PROVIDER_KEY, "bench-model");
            String generated = options.cluster()
                    ? cluster(simulator, generator, direct)
                    : singleNode(simulator, generator, direct);
            System.out.println();
            System.out.print(generated);
            page = options.cluster()
                    ? PageSection.replace(page, AdmissionReport.HEADING, generated)
                    : generated + keptSection(page);
        }
        Files.createDirectories(out.getParent());
        Files.writeString(out, page);
        System.out.println();
        System.out.println("wrote " + out);
    }

    private String singleNode(ProviderSimulator simulator, LoadGenerator generator, Target direct) throws Exception {
        List<CellSummary> summaries = new ArrayList<>();
        try (GatewayNodes gateway =
                GatewayNodes.start("gateway", java, options.gatewayJar(), List.of(single(simulator, false)))) {
            BenchRunner runner = runner(simulator, generator, direct, List.of(gateway));
            runner.prime();
            for (Cell cell : Cell.ALL) {
                summaries.add(CellSummary.of(cell, runner.run(cell).get(0)));
            }
        }
        return new BenchReport(machine, Machine.loadAverage(), command, options, summaries).markdown();
    }

    private String cluster(ProviderSimulator simulator, LoadGenerator generator, Target direct) throws Exception {
        List<String> labels = AdmissionSummary.SETUPS;
        Path jar = options.gatewayJar();
        List<AdmissionSummary> summaries = new ArrayList<>();
        try (GatewayNodes unlimited = GatewayNodes.start(labels.get(0), java, jar, List.of(single(simulator, false)));
                GatewayNodes limited = GatewayNodes.start(labels.get(1), java, jar, List.of(single(simulator, true)));
                GatewayNodes cluster =
                        GatewayNodes.start(labels.get(2), java, jar, NodeConfig.cluster(simulator.baseUrl(), 3))) {
            BenchRunner runner = runner(simulator, generator, direct, List.of(unlimited, limited, cluster));
            runner.prime();
            for (Cell cell : Cell.CLUSTER) {
                summaries.add(AdmissionSummary.of(cell, runner.run(cell)));
            }
        }
        return new AdmissionReport(machine, Machine.loadAverage(), command, options, summaries).markdown();
    }

    /** A rerun of the single-node cells keeps the cluster section, which only a --cluster run refreshes. */
    private static String keptSection(String page) {
        String section = PageSection.extract(page, AdmissionReport.HEADING);
        return section.isEmpty() ? "" : "\n" + section;
    }

    private BenchRunner runner(
            ProviderSimulator simulator, LoadGenerator generator, Target direct, List<GatewayNodes> setups) {
        return new BenchRunner(generator, simulator, direct, setups, proc, options.phases(), options.repeats());
    }

    private static NodeConfig single(ProviderSimulator simulator, boolean limited) throws Exception {
        return NodeConfig.single(simulator.baseUrl(), limited);
    }
}
