package dev.freeway.loadtest.cluster;

/** The provider-window rows several scenarios share. */
final class LimitRows {
    private LimitRows() {}

    static void add(ScenarioReport report, WindowReport windows, long allowedOvershoot) {
        report.row(
                        "max sent to provider per window",
                        "≤ R + " + allowedOvershoot + " (R = " + windows.limit() + ")",
                        Long.toString(windows.maxSent()),
                        windows.overshoot() <= allowedOvershoot)
                .row("upstream 429s", "0", Long.toString(windows.refused()), windows.refused() == 0)
                .info("per window: admitted+429 (~ = partial)", windows.perWindow())
                .note("window figures: " + windows.source() + ".");
    }
}
