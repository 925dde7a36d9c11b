package dev.freeway.loadtest.scenarios;

import dev.freeway.loadtest.generator.LoadGenerator;
import dev.freeway.loadtest.generator.LoadResult;
import dev.freeway.loadtest.generator.Phases;
import dev.freeway.loadtest.generator.Target;
import dev.freeway.loadtest.simulator.ProviderSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs each cell's repeats: direct and through every gateway setup back to back, in an order that rotates
 * from one repeat to the next, so no setup always runs first or always follows the same one.
 */
final class BenchRunner {
    /**
     * Per-run warm-ups at 50 ms upstream send only a few thousand requests, too few for C2 to compile the
     * gateway's hot paths; a few seconds against an instant upstream get all JVMs there before any cell.
     */
    private static final Duration PRIMING = Duration.ofSeconds(5);

    private static final int PRIMING_CLIENTS = 64;

    private final LoadGenerator generator;
    private final ProviderSimulator simulator;
    private final Target direct;
    private final List<GatewayNodes> setups;
    private final ProcFs proc;
    private final Phases phases;
    private final int repeats;

    BenchRunner(
            LoadGenerator generator,
            ProviderSimulator simulator,
            Target direct,
            List<GatewayNodes> setups,
            ProcFs proc,
            Phases phases,
            int repeats) {
        this.generator = generator;
        this.simulator = simulator;
        this.direct = direct;
        this.setups = setups;
        this.proc = proc;
        this.phases = phases;
        this.repeats = repeats;
    }

    /** Fails fast when a target answers nothing, instead of benchmarking errors for ten minutes. */
    void prime() throws InterruptedException {
        simulator.latency(Duration.ZERO);
        Phases priming = new Phases(Duration.ZERO, PRIMING);
        Cell json = new Cell(Duration.ZERO, Cell.Shape.CLOSED, PRIMING_CLIENTS, false);
        Cell stream = new Cell(Duration.ZERO, Cell.Shape.CLOSED, PRIMING_CLIENTS, true);
        for (Cell cell : List.of(json, stream)) {
            prime(cell, "direct", List.of(direct), List.of(), priming);
            for (GatewayNodes setup : setups) {
                prime(cell, setup.label(), setup.targets(), setup.pids(), priming);
            }
        }
    }

    private void prime(Cell cell, String label, List<Target> targets, List<Long> pids, Phases priming)
            throws InterruptedException {
        LoadResult result = SpreadLoad.run(generator, cell, targets, priming);
        double settle = GatewayMeter.settle(proc, pids);
        System.out.printf(
                Locale.ROOT,
                "priming %-18s %-6s %8.0f req/s, errors %s, settled in %.1f s%n",
                label,
                cell.stream() ? "stream" : "JSON",
                result.throughput(),
                result.errors(),
                settle);
        if (result.succeeded() == 0) {
            throw new IllegalStateException(
                    label + " answered no request while priming: " + result.errors() + "; gateway logs: "
                            + setups.stream().flatMap(s -> s.logs().stream()).toList());
        }
    }

    /** The repeats of one cell, per setup in the order the setups were given. */
    List<List<Repeat>> run(Cell cell) throws InterruptedException {
        simulator.latency(cell.upstream());
        List<List<Repeat>> bySetup = new ArrayList<>();
        setups.forEach(setup -> bySetup.add(new ArrayList<>()));
        for (int i = 0; i < repeats; i++) {
            List<Repeat> repeat = repeat(cell, i);
            for (int s = 0; s < setups.size(); s++) {
                bySetup.get(s).add(repeat.get(s));
                print(cell, setups.get(s), i, repeat.get(s));
            }
        }
        return bySetup;
    }

    /** Runs direct (slot -1) and each setup (slot 0, 1, ...), starting one slot later each repeat. */
    private List<Repeat> repeat(Cell cell, int index) throws InterruptedException {
        int slots = setups.size() + 1;
        LoadResult directRun = null;
        GatewayMeter.Run[] gatewayRuns = new GatewayMeter.Run[setups.size()];
        for (int k = 0; k < slots; k++) {
            int slot = (k + index) % slots - 1;
            if (slot < 0) {
                directRun = SpreadLoad.run(generator, cell, List.of(direct), phases);
            } else {
                gatewayRuns[slot] = throughGateway(cell, setups.get(slot));
            }
        }
        List<Repeat> paired = new ArrayList<>();
        for (GatewayMeter.Run run : gatewayRuns) {
            paired.add(run.pairedWith(directRun));
        }
        return paired;
    }

    private GatewayMeter.Run throughGateway(Cell cell, GatewayNodes setup) throws InterruptedException {
        return GatewayMeter.measure(proc, setup.pids(), () -> SpreadLoad.run(generator, cell, setup.targets(), phases));
    }

    private void print(Cell cell, GatewayNodes setup, int index, Repeat repeat) {
        System.out.printf(
                Locale.ROOT,
                "%-45s %-18s %d/%d  p50 %.2f/%.2f ms  p99 %.2f/%.2f ms  %.0f/%.0f req/s  errors %d/%d  settled %.1f s%n",
                cell.label(),
                setup.label(),
                index + 1,
                repeats,
                repeat.direct().latencyMillis(50),
                repeat.gateway().latencyMillis(50),
                repeat.direct().latencyMillis(99),
                repeat.gateway().latencyMillis(99),
                repeat.direct().throughput(),
                repeat.gateway().throughput(),
                repeat.direct().errorCount(),
                repeat.gateway().errorCount(),
                repeat.gatewaySettleSeconds());
    }
}
