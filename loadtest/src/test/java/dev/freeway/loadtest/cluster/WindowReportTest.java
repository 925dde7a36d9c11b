package dev.freeway.loadtest.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.freeway.loadtest.cluster.ProviderWindows.Window;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowReportTest {
    private static final long MINUTE = 60_000;
    private static final long FIRST = 29_000_000;

    @Test
    void onlyWindowsUnderLoadThroughoutCountForUtilisation() {
        List<Window> windows = List.of(
                new Window(FIRST, 100, 0),
                new Window(FIRST + 1, 590, 0),
                new Window(FIRST + 2, 600, 0),
                new Window(FIRST + 3, 40, 0));
        long start = FIRST * MINUTE + 55_000;
        long end = (FIRST + 3) * MINUTE + 5_000;

        WindowReport report = WindowReport.of(600, new ProviderWindows.Counted(windows, "test"), start, end);

        assertThat(report.full()).extracting(Window::minute).containsExactly(FIRST + 1, FIRST + 2);
        assertThat(report.minUtilisation()).isEqualTo(590.0 / 600);
        assertThat(report.overshoot()).isZero();
    }

    @Test
    void overshootCountsWhatWasSentIncludingRefusals() {
        List<Window> windows = List.of(new Window(FIRST, 600, 7), new Window(FIRST + 1, 600, 2));

        WindowReport report =
                WindowReport.of(600, new ProviderWindows.Counted(windows, "test"), 0, (FIRST + 2) * MINUTE);

        assertThat(report.maxSent()).isEqualTo(607);
        assertThat(report.overshoot()).isEqualTo(7);
        assertThat(report.refused()).isEqualTo(9);
        assertThat(report.perWindow()).isEqualTo("600+7 600+2");
    }
}
