package dev.freeway.loadtest.cluster;

import java.nio.file.Path;
import java.util.List;

/**
 * T7: a 2|1 partition of the member links for 60 s under load, with split-brain protection at 2
 * (the default for three members), then healed. The load balancer's health checks take the
 * minority out of rotation once its readiness turns (it sees fewer members than min_size). Figures: how long the minority kept
 * admitting, what the provider saw per window against R, and how long the halves took to merge.
 */
final class T7Partition implements Scenario {
    private static final int RATE = 300;
    private static final int RPM = 6_000;
    private static final long SPLIT_AT_MS = 5_000;
    private static final long SPLIT_MS = 60_000;
    private static final long RUN_MS = 150_000;
    private static final long MERGE_TIMEOUT_MS = 120_000;
    private static final long HEARTBEAT_TIMEOUT_MS = 10_000;
    private static final int MINORITY = 2;

    @Override
    public ScenarioReport run(Environment env) throws Exception {
        ScenarioReport report = new ScenarioReport(String.format(
                "T7: node%d cut off from the other two for %d s under %d req/s, R = %d RPM, min_size 2",
                MINORITY + 1, SPLIT_MS / 1000, RATE, RPM));
        if (!Partition.available()) {
            return report.row("iptables on lo (root)", "available", "no: scenario skipped", false);
        }
        Path dir = env.tempDir("T7");
        Timeline.awaitSecondOfMinute(5);
        try (SimulatorProcess simulator = env.simulator(dir, RPM, 0);
                Cluster cluster = env.cluster(dir, simulator, RPM);
                LoadDriver driver = new LoadDriver(cluster.targets());
                HealthWatch lb = HealthWatch.start(cluster, driver);
                ProviderWindows provider = ProviderWindows.start(simulator)) {
            Timeline timeline = Timeline.begin();
            driver.openLoop(RATE, RUN_MS);
            long splitAt = timeline.at(SPLIT_AT_MS);
            long healAt;
            try (Partition partition = Partition.isolate(
                    cluster.node(MINORITY).host(), List.of("127.0.0.1", "127.0.0.2"), cluster.memberPort())) {
                healAt = timeline.at(SPLIT_AT_MS + SPLIT_MS);
            }
            long mergedAt = awaitMerge(cluster);
            Samples samples = new Samples(driver.finish());
            WindowReport windows =
                    WindowReport.of(RPM, provider.windows(), timeline.startMillis(), timeline.startMillis() + RUN_MS);
            long lastMinorityGrant = samples.onNode(MINORITY)
                    .where(s -> s.result() == Sample.Result.OK && s.sentNanos() >= splitAt && s.sentNanos() < healAt)
                    .lastSentNanos();
            double admittingFor = lastMinorityGrant < 0 ? 0 : (lastMinorityGrant - splitAt) / 1e9;
            long detectionBound = HEARTBEAT_TIMEOUT_MS + 2_000;
            long overshootBound = (long) Math.ceil(RPM * (detectionBound / 60_000.0));
            report.row(
                            "minority admits until (after the split)",
                            "≤ heartbeat + 2 s = " + detectionBound / 1000 + " s",
                            String.format("%.1f s", admittingFor),
                            admittingFor * 1000 <= detectionBound)
                    .row(
                            "halves merged after the heal",
                            "≤ merge interval + 30 s = 60 s",
                            mergedAt < 0
                                    ? "not within " + MERGE_TIMEOUT_MS / 1000 + " s"
                                    : String.format("%.1f s", (mergedAt - healAt) / 1e9),
                            mergedAt >= 0 && (mergedAt - healAt) / 1e9 <= 60);
            LimitRows.add(report, windows, overshootBound);
            cluster.reportUnexpectedExits(report);
            return report.info("client outcomes", samples.outcomeSummary())
                    .info("client errors", samples.errors().errorSummary())
                    .note("overshoot bound R x detection / 60 s = " + overshootBound + "; split at "
                            + String.format("%.2f", timeline.seconds(splitAt)) + " s; logs: " + dir);
        }
    }

    private static long awaitMerge(Cluster cluster) throws Exception {
        long deadline = System.nanoTime() + MERGE_TIMEOUT_MS * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (cluster.whole()) {
                return System.nanoTime();
            }
            Thread.sleep(200);
        }
        return -1;
    }
}
