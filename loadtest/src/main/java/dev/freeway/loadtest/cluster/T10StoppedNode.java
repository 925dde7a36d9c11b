package dev.freeway.loadtest.cluster;

import java.io.IOException;
import java.nio.file.Path;

/**
 * T10: one node frozen with SIGSTOP for 20 s (a long GC pause or a hung host), then SIGCONT. The load
 * balancer takes it out first, so the question is what the two others do while the frozen member still
 * owns a third of the bucket partitions: no request may wait past the admission deadline plus the
 * upstream's latency, the limit must hold, and the frozen node must come back as a member.
 */
final class T10StoppedNode implements Scenario {
    private static final int RATE = 300;
    private static final int RPM = 6_000;
    private static final long RUN_MS = 75_000;
    private static final long REMOVE_MS = 15_000;
    /** Lets the requests already on the node finish, as an LB's connection draining would. */
    private static final long DRAIN_MS = 1_000;

    private static final long STOP_MS = 20_000;
    private static final long READY_TIMEOUT_MS = 30_000;
    private static final long ADMISSION_DEADLINE_MS = 500;
    /** The nodes' default routing.window_edge_ms: a request at a window's end waits that long first. */
    private static final long WINDOW_EDGE_MS = 100;

    private static final int VICTIM = 2;

    @Override
    public ScenarioReport run(Environment env) throws Exception {
        Path dir = env.tempDir("T10");
        try (SimulatorProcess simulator = env.simulator(dir, RPM, 0);
                Cluster cluster = env.cluster(dir, simulator, RPM);
                LoadDriver driver = new LoadDriver(cluster.targets());
                ProviderWindows provider = ProviderWindows.start(simulator)) {
            Timeline timeline = Timeline.begin();
            driver.openLoop(RATE, RUN_MS);
            timeline.at(REMOVE_MS);
            driver.remove(VICTIM);
            long stopAt = timeline.at(REMOVE_MS + DRAIN_MS);
            NodeProcess victim = cluster.node(VICTIM);
            victim.signal("STOP");
            long contAt = timeline.at(REMOVE_MS + DRAIN_MS + STOP_MS);
            victim.signal("CONT");
            boolean ready;
            try {
                victim.awaitReady(READY_TIMEOUT_MS);
                ready = true;
            } catch (IOException notBack) {
                ready = false;
            }
            long readyAt = System.nanoTime();
            driver.restore(VICTIM);
            Samples samples = new Samples(driver.finish());
            WindowReport windows =
                    WindowReport.of(RPM, provider.windows(), timeline.startMillis(), timeline.startMillis() + RUN_MS);
            boolean whole = cluster.whole();
            ScenarioReport report = report(dir, timeline, stopAt, contAt, readyAt, ready, whole, samples, windows);
            cluster.reportUnexpectedExits(report);
            return report;
        }
    }

    private ScenarioReport report(
            Path dir,
            Timeline timeline,
            long stopAt,
            long contAt,
            long readyAt,
            boolean ready,
            boolean whole,
            Samples samples,
            WindowReport windows) {
        Samples duringStall = samples.notOnNode(VICTIM).intendedBetween(stopAt, contAt);
        double longest = duringStall.maxLatencyMillis();
        long bound = WINDOW_EDGE_MS + ADMISSION_DEADLINE_MS + Environment.UPSTREAM_LATENCY_MS;
        long errors = samples.errors().count();
        long servedAfter = samples.onNode(VICTIM)
                .where(s -> s.sentNanos() >= readyAt && s.answered())
                .count();
        ScenarioReport report = new ScenarioReport(String.format(
                "T10: SIGSTOP node%d for %d s under %d req/s, R = %d RPM", VICTIM + 1, STOP_MS / 1000, RATE, RPM));
        report.row(
                        "longest request on the other nodes during the stop",
                        "≤ " + bound + " ms (window edge + deadline + upstream)",
                        String.format("%.1f ms", longest),
                        longest <= bound)
                .info(
                        "p99 / p50 on the other nodes during the stop",
                        String.format(
                                "%.1f ms / %.1f ms", duringStall.latencyMillis(99), duringStall.latencyMillis(50)))
                .row("client errors", "0", Long.toString(errors), errors == 0)
                .info("client errors during the stop", duringStall.errorSummary());
        LimitRows.add(report, windows, 0);
        return report.row(
                        "stopped node ready again after SIGCONT",
                        "yes",
                        ready ? String.format("yes, after %.1f s", (readyAt - contAt) / 1e9) : "no",
                        ready)
                .row("every node sees 3 members at the end", "yes", whole ? "yes" : "no", whole)
                .row(
                        "requests answered by the stopped node after it is back",
                        "> 0",
                        Long.toString(servedAfter),
                        servedAfter > 0)
                .info("client outcomes", samples.outcomeSummary())
                .note("SIGSTOP at " + String.format("%.2f", timeline.seconds(stopAt)) + " s; logs: " + dir);
    }
}
