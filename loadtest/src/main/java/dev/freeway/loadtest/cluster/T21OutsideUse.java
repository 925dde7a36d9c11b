package dev.freeway.loadtest.cluster;

import java.nio.file.Path;

/**
 * T21: the provider key is also used directly by someone else at 30 % of R, while Freeway's three
 * nodes are offered 3R. Freeway learns of the outside use only from the provider's rate-limit
 * headers; it must cause no 429 and still use most of what is left. The provider cannot tell the
 * two clients apart, so Freeway's 429s are counted at Freeway's clients (an upstream 429 surfaces
 * there as a 502), the outside client's refusals at the outside client.
 */
final class T21OutsideUse implements Scenario {
    private static final int RPM = 6_000;
    private static final double OUTSIDE_SHARE = 0.3;
    private static final long RUN_MS = 130_000;
    private static final int START_SECOND = 55;
    private static final double MIN_UTILISATION = 0.90;

    @Override
    public ScenarioReport run(Environment env) throws Exception {
        Path dir = env.tempDir("T21");
        double rate = 3.0 * RPM / 60;
        try (SimulatorProcess simulator = env.simulator(dir, RPM, 0);
                Cluster cluster = env.cluster(dir, simulator, RPM);
                LoadDriver driver = new LoadDriver(cluster.targets())) {
            Timeline.awaitSecondOfMinute(START_SECOND);
            try (ProviderWindows provider = ProviderWindows.start(simulator);
                    OutsideClient outside = OutsideClient.start(simulator, OUTSIDE_SHARE * RPM / 60)) {
                Timeline timeline = Timeline.begin();
                driver.openLoop(rate, RUN_MS);
                Samples samples = new Samples(driver.finish());
                outside.close();
                WindowReport windows = WindowReport.of(
                        RPM, provider.windows(), timeline.startMillis(), timeline.startMillis() + RUN_MS);
                long freewayUpstream429 =
                        samples.where(s -> "HTTP 502".equals(s.error())).count();
                double utilisation = windows.minUtilisation();
                ScenarioReport report = new ScenarioReport(String.format(
                        "T21: someone else sends %.0f req/s (30 %% of R) straight to the provider; Freeway offered 3R = %.0f req/s, R = %d RPM",
                        OUTSIDE_SHARE * RPM / 60, rate, RPM));
                return report.row(
                                "upstream 429s caused by Freeway (502 at its clients)",
                                "0",
                                Long.toString(freewayUpstream429),
                                freewayUpstream429 == 0)
                        .info("per window, both clients: admitted+429", windows.perWindow())
                        .row(
                                "provider utilisation (min over "
                                        + windows.full().size() + " full windows)",
                                "≥ 90 % (Freeway fills what the other leaves)",
                                Double.isNaN(utilisation)
                                        ? "no full window"
                                        : String.format("%.1f %%", utilisation * 100),
                                utilisation >= MIN_UTILISATION)
                        .info("outside client", outside.served() + " served, " + outside.refused() + " refused")
                        .info("Freeway client outcomes", samples.outcomeSummary())
                        .note("window figures: " + windows.source() + "; logs: " + dir);
            }
        }
    }
}
