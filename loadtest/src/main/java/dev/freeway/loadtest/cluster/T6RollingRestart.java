package dev.freeway.loadtest.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * T6: rolling restart under load with a binding limit. Each node gets SIGTERM, exits, starts again and
 * must be ready with the cluster whole before the next one goes; no request may fail and the shared limit
 * may not overshoot while bucket partitions migrate back and forth. No shared state may be lost either:
 * what the admin API set before the first restart ({@link SharedState}) and the usage totals ({@link
 * UsageCheck}) must read the same on every node after the last.
 */
final class T6RollingRestart implements Scenario {
    private static final int RATE = 300;
    /** Binds about 20 s into each window at this rate, so the buckets are in use through every restart. */
    private static final int RPM = 6_000;

    private static final long SETTLE_MS = 10_000;
    /**
     * The load starts this far into a minute: the first window ends with room left while requests
     * flow and the first restart begins, the case where a call admitted at a window's end reaches
     * the provider in the next one; the second window then runs out.
     */
    private static final long START_AT_MS_OF_MINUTE = 45_000;
    /** Longer than any rolling restart; the loop is stopped once the last node is back. */
    private static final long UNTIL_STOPPED_MS = 3_600_000;

    private static final long EXIT_TIMEOUT_MS = 40_000;
    private static final long REJOIN_TIMEOUT_MS = 120_000;

    @Override
    public ScenarioReport run(Environment env) throws Exception {
        Path dir = env.tempDir("T6");
        try (SimulatorProcess simulator = env.simulator(dir, RPM, 0);
                Cluster cluster = env.clusterWithAdmin(dir, simulator, RPM);
                LoadDriver driver = new LoadDriver(cluster.targets());
                HealthWatch lb = HealthWatch.start(cluster, driver);
                ProviderWindows provider = ProviderWindows.start(simulator)) {
            SharedState state = SharedState.seed(cluster);
            Thread.sleep(Math.floorMod(START_AT_MS_OF_MINUTE - System.currentTimeMillis(), 60_000L));
            Timeline timeline = Timeline.begin();
            driver.openLoop(RATE, UNTIL_STOPPED_MS);
            Thread.sleep(SETTLE_MS);
            List<RestartStep> steps = new ArrayList<>();
            List<Long> localAdmissions = new ArrayList<>();
            List<String> windowEdge = new ArrayList<>();
            for (int i = 0; i < Cluster.SIZE; i++) {
                localAdmissions.add(cluster.api(i).localAdmissions());
                windowEdge.add(cluster.api(i).windowEdge());
                steps.add(restart(cluster, driver, i));
            }
            Thread.sleep(SETTLE_MS);
            driver.stop();
            for (int i = 0; i < Cluster.SIZE; i++) {
                localAdmissions.add(cluster.api(i).localAdmissions());
                windowEdge.add(cluster.api(i).windowEdge());
            }
            Samples samples = new Samples(driver.finish());
            long endMillis = System.currentTimeMillis();
            WindowReport windows = WindowReport.of(RPM, provider.windows(), timeline.startMillis(), endMillis);
            long errors = samples.errors().count();
            ScenarioReport report = new ScenarioReport(String.format(
                    "T6: rolling restart of 3 nodes under %d req/s, R = %d RPM (%.0f s)",
                    RATE, RPM, (endMillis - timeline.startMillis()) / 1000.0));
            report.row("client errors", "0", Long.toString(errors), errors == 0)
                    .info(
                            "requests retried on another node (failed connections)",
                            samples.retried() + " (" + driver.connectFailureSummary() + ")");
            LimitRows.add(report, windows, 0);
            cluster.reportUnexpectedExits(report);
            state.report(cluster, report);
            UsageCheck.report(cluster, simulator, report);
            report.info("client outcomes", samples.outcomeSummary())
                    .info("client errors", samples.errorSummary())
                    .info("restarts (drain / ready + whole)", join(steps, RestartStep::text))
                    .info(
                            "last request sent to the draining node (after its SIGTERM)",
                            join(steps, step -> step.lastSentAfterTerm(samples)))
                    .info(
                            "client errors per node (after that node's SIGTERM)",
                            join(steps, step -> step.errorsAfterTerm(samples)))
                    .info(
                            "admissions from a local share past the deadline (each process before its SIGTERM, then"
                                    + " the restarted ones at the end)",
                            localAdmissions.toString())
                    .info(
                            "requests held for the next window / admissions taken again, at a window's end (same"
                                    + " processes)",
                            windowEdge.toString())
                    .note("shared state: a client key issued through node1's admin API and team beta's settings"
                            + " put through node2's before the first restart, the key revoked through node3's after"
                            + " the last; teams alpha (the load's key) and beta, so fair sharing between teams is on."
                            + " No sticky-session check: one provider and one model leave a pin nothing to choose.")
                    .note("logs: " + dir);
            return report;
        }
    }

    /** SIGTERM, wait for the exit, start again, wait for the whole cluster; back into the rotation. */
    private static RestartStep restart(Cluster cluster, LoadDriver driver, int index) throws Exception {
        NodeProcess node = cluster.node(index);
        long termAt = System.nanoTime();
        node.terminate();
        if (!node.awaitExit(EXIT_TIMEOUT_MS)) {
            throw new IllegalStateException(node.name() + " did not exit within " + EXIT_TIMEOUT_MS + " ms of SIGTERM");
        }
        long exitAt = System.nanoTime();
        node.restart();
        cluster.awaitWhole(REJOIN_TIMEOUT_MS);
        long wholeAt = System.nanoTime();
        driver.restore(index);
        return new RestartStep(index, node.name(), termAt, exitAt, wholeAt);
    }

    private static String join(List<RestartStep> steps, Function<RestartStep, String> figure) {
        return steps.stream().map(figure).collect(Collectors.joining("; "));
    }
}
