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

/** Runs each cell's repeats, direct and through the gateway back to back, alternating which goes first. */
final class BenchRunner {
    /**
     * Per-run warm-ups at 50 ms upstream send only a few thousand requests, too few for C2 to compile the
     * gateway's hot paths; a few seconds against an instant upstream get both JVMs there before any cell.
     */
    private static final Duration PRIMING = Duration.ofSeconds(5);

    private static final int PRIMING_CLIENTS = 64;

    private final LoadGenerator generator;
    private final ProviderSimulator simulator;
    private final Target direct;
    private final GatewayProcess gateway;
    private final ProcFs proc;
    private final Phases phases;
    private final int repeats;

    BenchRunner(
            LoadGenerator generator,
            ProviderSimulator simulator,
            Target direct,
            GatewayProcess gateway,
            ProcFs proc,
            Phases phases,
            int repeats) {
        this.generator = generator;
        this.simulator = simulator;
        this.direct = direct;
        this.gateway = gateway;
        this.proc = proc;
        this.phases = phases;
        this.repeats = repeats;
    }

    /** Fails fast when a target answers nothing, instead of benchmarking errors for ten minutes. */
    void prime() throws InterruptedException {
        simulator.latency(Duration.ZERO);
        Phases priming = new Phases(Duration.ZERO, PRIMING);
        for (boolean stream : new boolean[] {false, true}) {
            for (Target target : List.of(direct, gateway.target())) {
                LoadResult result = generator.closedLoop(target, stream, PRIMING_CLIENTS, priming);
                double settle = target == direct ? 0 : Quiescence.await(proc, gateway.pid());
                System.out.printf(
                        Locale.ROOT,
                        "priming %-8s %-6s %8.0f req/s, errors %s, settled in %.1f s%n",
                        target.name(),
                        stream ? "stream" : "JSON",
                        result.throughput(),
                        result.errors(),
                        settle);
                if (result.succeeded() == 0) {
                    throw new IllegalStateException(target.name() + " answered no request while priming: "
                            + result.errors() + "; gateway log: " + gateway.log());
                }
            }
        }
    }

    CellSummary run(Cell cell) throws InterruptedException {
        simulator.latency(cell.upstream());
        List<Repeat> results = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            Repeat repeat = repeat(cell, i % 2 == 1);
            results.add(repeat);
            System.out.printf(
                    Locale.ROOT,
                    "%-45s %d/%d  p50 %.2f/%.2f ms  p99 %.2f/%.2f ms  %.0f/%.0f req/s  errors %d/%d  settled %.1f s%n",
                    cell.label(),
                    i + 1,
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
        return CellSummary.of(cell, results);
    }

    private Repeat repeat(Cell cell, boolean gatewayFirst) throws InterruptedException {
        if (gatewayFirst) {
            GatewayRun gatewayRun = throughGateway(cell);
            return gatewayRun.pairedWith(load(cell, direct));
        }
        LoadResult directRun = load(cell, direct);
        return throughGateway(cell).pairedWith(directRun);
    }

    /**
     * Gateway CPU time is read at the start of the load, at its end and once the gateway is quiet again;
     * memory is sampled while the load lasts.
     */
    private GatewayRun throughGateway(Cell cell) throws InterruptedException {
        double cpuBefore = proc.cpuSeconds(gateway.pid());
        RssSampler rss = RssSampler.start(proc, gateway.pid());
        LoadResult result = load(cell, gateway.target());
        double cpuAtEnd = proc.cpuSeconds(gateway.pid());
        RssSampler.Sample memory = rss.stop();
        double settle = Quiescence.await(proc, gateway.pid());
        double cpuSettled = proc.cpuSeconds(gateway.pid());
        return new GatewayRun(result, cpuAtEnd - cpuBefore, cpuSettled - cpuBefore, settle, memory);
    }

    private LoadResult load(Cell cell, Target target) {
        return cell.shape() == Cell.Shape.CLOSED
                ? generator.closedLoop(target, cell.stream(), cell.load(), phases)
                : generator.openLoop(target, cell.stream(), cell.load(), phases);
    }

    private record GatewayRun(
            LoadResult result, double loadCpuSeconds, double cpuSeconds, double settleSeconds, RssSampler.Sample rss) {
        Repeat pairedWith(LoadResult direct) {
            return new Repeat(direct, result, loadCpuSeconds, cpuSeconds, settleSeconds, rss);
        }
    }
}
