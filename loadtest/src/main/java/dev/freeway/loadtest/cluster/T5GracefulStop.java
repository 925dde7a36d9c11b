package dev.freeway.loadtest.cluster;

import java.nio.file.Path;

/**
 * T5: SIGTERM to one node under 500 req/s plus 200 open streams. The node must finish what it accepted,
 * including its streams, and exit well inside a 30 s grace period; new requests find the other nodes.
 */
final class T5GracefulStop implements Scenario {
    private static final int RATE = 500;
    private static final int STREAMS = 200;
    /** The simulator pauses this long before each piece of a reply; a streamed "hi" reply lasts ~6-8 s. */
    private static final int CHUNK_INTERVAL_MS = 1_500;

    private static final long RUN_MS = 60_000;
    private static final long TERM_MS = 20_000;
    private static final long GRACE_MS = 30_000;
    /** How long past the grace period the exit may take before the scenario kills the node. */
    private static final long MARGIN_MS = 5_000;
    /** Far above the offered load: this scenario is about draining, not limits. */
    private static final int RPM = 1_000_000;

    private static final int VICTIM = 1;

    @Override
    public ScenarioReport run(Environment env) throws Exception {
        Path dir = env.tempDir("T5");
        try (SimulatorProcess simulator = env.simulator(dir, RPM, CHUNK_INTERVAL_MS);
                Cluster cluster = env.cluster(dir, simulator, RPM);
                LoadDriver driver = new LoadDriver(cluster.targets());
                HealthWatch lb = HealthWatch.start(cluster, driver)) {
            Timeline timeline = Timeline.begin();
            driver.openLoop(RATE, RUN_MS);
            driver.streams(STREAMS, RUN_MS);
            long termAt = timeline.at(TERM_MS);
            NodeProcess victim = cluster.node(VICTIM);
            victim.terminate();
            boolean exited = victim.awaitExit(GRACE_MS + MARGIN_MS);
            long exitAt = System.nanoTime();
            String exitCode = exited ? Integer.toString(victim.exitValue()) : "still running, killed";
            Samples samples = new Samples(driver.finish());
            ScenarioReport report =
                    report(dir, timeline, termAt, exitAt, exited, exitCode, samples, driver.connectFailureSummary());
            cluster.reportUnexpectedExits(report);
            return report;
        }
    }

    private ScenarioReport report(
            Path dir,
            Timeline timeline,
            long termAt,
            long exitAt,
            boolean exited,
            String exitCode,
            Samples samples,
            String connectFailures) {
        double drainSeconds = (exitAt - termAt) / 1e9;
        Samples streams = samples.streams();
        Samples openOnVictim = samples.onNode(VICTIM).where(s -> s.openAt(termAt));
        long failed = samples.errors().count();
        ScenarioReport report = new ScenarioReport(String.format(
                "T5: SIGTERM node%d at %d s of %d req/s + %d open streams for %d s",
                VICTIM + 1, TERM_MS / 1000, RATE, STREAMS, RUN_MS / 1000));
        return report.row("failed requests", "0", Long.toString(failed), failed == 0)
                .info(
                        "failed on the stopped node",
                        Long.toString(samples.onNode(VICTIM).errors().count()))
                .info(
                        "requests retried on another node (failed connections)",
                        samples.retried() + " (" + connectFailures + ")")
                .row(
                        "drain time (SIGTERM → exit)",
                        "< " + GRACE_MS / 1000 + " s",
                        exited ? String.format("%.2f s", drainSeconds) : "> " + (GRACE_MS + MARGIN_MS) / 1000 + " s",
                        exited && drainSeconds < GRACE_MS / 1000.0)
                .row(
                        "exit code",
                        "0 or 143 (SIGTERM after hooks)",
                        exitCode,
                        exitCode.equals("0") || exitCode.equals("143"))
                .row(
                        "streams completed",
                        "all",
                        streams.count(Sample.Result.OK) + " / " + streams.count(),
                        streams.count(Sample.Result.OK) == streams.count())
                .info(
                        "open on the stopped node at SIGTERM: completed / open (streams of them)",
                        openOnVictim.count(Sample.Result.OK) + " / " + openOnVictim.count() + " ("
                                + openOnVictim.streams().count() + ")")
                .info("client outcomes", samples.outcomeSummary())
                .info("client errors", samples.errorSummary())
                .note("SIGTERM at " + String.format("%.2f", timeline.seconds(termAt)) + " s; logs: " + dir);
    }
}
