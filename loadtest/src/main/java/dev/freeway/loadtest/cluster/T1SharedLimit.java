package dev.freeway.loadtest.cluster;

import java.nio.file.Path;
import java.time.Duration;

/**
 * T1: three nodes behind round-robin share one provider key limit of R per minute, offered 3R. The
 * shared buckets must keep every provider window at or under R while still using almost all of it.
 */
final class T1SharedLimit implements Scenario {
    private static final double MIN_UTILISATION = 0.95;
    /**
     * Load starts 5 s before a minute boundary, so a run of two minutes and ten seconds covers two whole
     * provider windows.
     */
    private static final int START_SECOND = 55;

    private final int rpm;
    private final Duration duration;

    T1SharedLimit(int rpm, Duration duration) {
        this.rpm = rpm;
        this.duration = duration;
    }

    @Override
    public ScenarioReport run(Environment env) throws Exception {
        Path dir = env.tempDir("T1");
        double rate = 3.0 * rpm / 60;
        try (SimulatorProcess simulator = env.simulator(dir, rpm, 0);
                Cluster cluster = env.cluster(dir, simulator, rpm);
                LoadDriver driver = new LoadDriver(cluster.targets())) {
            Timeline.awaitSecondOfMinute(START_SECOND);
            try (ProviderWindows provider = ProviderWindows.start(simulator)) {
                Timeline timeline = Timeline.begin();
                driver.openLoop(rate, duration.toMillis());
                Samples samples = new Samples(driver.finish());
                WindowReport windows = WindowReport.of(
                        rpm, provider.windows(), timeline.startMillis(), timeline.startMillis() + duration.toMillis());
                ScenarioReport report = new ScenarioReport(String.format(
                        "T1: 3 nodes, round-robin, offered 3R = %.1f req/s for %d s, R = %d RPM",
                        rate, duration.toSeconds(), rpm));
                LimitRows.add(report, windows, 0);
                double utilisation = windows.minUtilisation();
                report.row(
                                "utilisation (min over " + windows.full().size() + " full windows)",
                                "≥ 95 %",
                                Double.isNaN(utilisation)
                                        ? "no full window"
                                        : String.format("%.1f %%", utilisation * 100),
                                utilisation >= MIN_UTILISATION)
                        .info("client outcomes", samples.outcomeSummary())
                        .info("client errors", samples.errorSummary())
                        .note("logs: " + dir);
                cluster.reportUnexpectedExits(report);
                return report;
            }
        }
    }
}
