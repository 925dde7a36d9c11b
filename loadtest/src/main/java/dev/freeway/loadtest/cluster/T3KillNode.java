package dev.freeway.loadtest.cluster;

import java.nio.file.Path;

/**
 * T3: {@code kill -9} of one node at 30 s into a 60 s open loop of 500 req/s. Requests in flight on the
 * killed node may fail; nothing else may, the shared limit may lose at most those in-flight admissions
 * (≤ 1 % of R), and no admission may stall past a second while the partitions move.
 */
final class T3KillNode implements Scenario {
    private static final int RATE = 500;
    private static final long RUN_MS = 60_000;
    private static final long KILL_MS = 30_000;
    private static final long FAILOVER_WINDOW_MS = 10_000;
    private static final long MAX_LATENCY_MS = 1_000;
    private static final long EXIT_TIMEOUT_MS = 5_000;
    /** node1 is the oldest member, Hazelcast's master: the worst one to lose. */
    private static final int VICTIM = 0;
    /**
     * Load starts 10 s into a minute, so the kill lands 40 s into a window: with a binding R the bucket is
     * already spent by then, and a bucket rebuilt full would show as overshoot.
     */
    private static final int START_SECOND = 10;

    private final int rpm;
    private final String variant;

    T3KillNode(int rpm, String variant) {
        this.rpm = rpm;
        this.variant = variant;
    }

    @Override
    public ScenarioReport run(Environment env) throws Exception {
        Path dir = env.tempDir("T3");
        try (SimulatorProcess simulator = env.simulator(dir, rpm, 0);
                Cluster cluster = env.cluster(dir, simulator, rpm);
                LoadDriver driver = new LoadDriver(cluster.targets())) {
            Timeline.awaitSecondOfMinute(START_SECOND);
            try (ProviderWindows provider = ProviderWindows.start(simulator)) {
                Timeline timeline = Timeline.begin();
                driver.openLoop(RATE, RUN_MS);
                long killAt = timeline.at(KILL_MS);
                cluster.node(VICTIM).kill();
                // SIGKILL is asynchronous: requests sent until the process is gone are in flight on it too.
                cluster.node(VICTIM).awaitExit(EXIT_TIMEOUT_MS);
                long deadAt = System.nanoTime();
                Samples samples = new Samples(driver.finish());
                WindowReport windows = WindowReport.of(
                        rpm, provider.windows(), timeline.startMillis(), timeline.startMillis() + RUN_MS);
                ScenarioReport report =
                        report(dir, timeline, killAt, deadAt, samples, windows, driver.connectFailureSummary());
                cluster.reportUnexpectedExits(report);
                return report;
            }
        }
    }

    private ScenarioReport report(
            Path dir,
            Timeline timeline,
            long killAt,
            long deadAt,
            Samples samples,
            WindowReport windows,
            String connectFailures) {
        Samples victim = samples.onNode(VICTIM);
        Samples survivors = samples.notOnNode(VICTIM);
        long inFlight = victim.where(s -> s.sentNanos() <= deadAt && s.endNanos() > killAt)
                .count();
        // With a binding R, upstream 429s (502 to the client) can come before the kill; they count as overshoot.
        long errors = samples.errors().where(s -> s.endNanos() >= killAt).count();
        long recoveredAt = samples.lastErrorEnd(killAt);
        Samples failover = survivors.intendedBetween(killAt, killAt + FAILOVER_WINDOW_MS * 1_000_000);
        double failoverP99 = failover.latencyMillis(99);
        double slowest = samples.where(Sample::answered).maxLatencyMillis();
        double slowestBefore = samples.where(Sample::answered)
                .intendedBetween(Long.MIN_VALUE, killAt)
                .maxLatencyMillis();
        ScenarioReport report = new ScenarioReport(String.format(
                "T3 (%s): kill -9 node%d at %d s of %d req/s for %d s, R = %d RPM",
                variant, VICTIM + 1, KILL_MS / 1000, RATE, RUN_MS / 1000, rpm));
        report.row(
                        "client errors ending after the kill (all nodes)",
                        "≤ in-flight on killed node (" + inFlight + ")",
                        Long.toString(errors),
                        errors <= inFlight)
                .info(
                        "of those on the killed node" + (VICTIM + 1),
                        Long.toString(victim.errors()
                                .where(s -> s.endNanos() >= killAt)
                                .count()))
                .row(
                        "client errors on survivors",
                        "0",
                        Long.toString(survivors.errors().count()),
                        survivors.errors().count() == 0)
                .info(
                        "requests retried on another node (failed connections)",
                        samples.retried() + " (" + connectFailures + ")");
        LimitRows.add(report, windows, rpm / 100);
        report.info(
                        "gateway added p99 in the 10 s after the kill (client p99 − " + Environment.UPSTREAM_LATENCY_MS
                                + " ms upstream)",
                        String.format(
                                "%.1f ms (client p99 %.1f ms)",
                                failoverP99 - Environment.UPSTREAM_LATENCY_MS, failoverP99))
                .row(
                        "slowest answered request",
                        "≤ 1000 ms",
                        String.format("%.1f ms", slowest),
                        slowest <= MAX_LATENCY_MS)
                .info("slowest answered request sent before the kill", String.format("%.1f ms", slowestBefore))
                .info(
                        "time from kill until every request succeeds",
                        String.format("%.2f s", (recoveredAt - killAt) / 1e9))
                .info("client outcomes", samples.outcomeSummary())
                .info("client errors", samples.errorSummary())
                .note("kill at " + String.format("%.2f", timeline.seconds(killAt)) + " s; logs: " + dir);
        return report;
    }
}
