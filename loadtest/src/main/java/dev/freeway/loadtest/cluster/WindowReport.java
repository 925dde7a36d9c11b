package dev.freeway.loadtest.cluster;

import dev.freeway.loadtest.cluster.ProviderWindows.Window;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The limit figures of a run, from the provider's windows. A window is full when load was offered through
 * all of it; only full windows can show utilisation.
 */
record WindowReport(int limit, List<Window> windows, List<Window> full, String source) {
    private static final long MINUTE = 60_000;

    static WindowReport of(int limit, ProviderWindows.Counted counted, long loadStartMillis, long loadEndMillis) {
        List<Window> full = counted.windows().stream()
                .filter(w -> w.minute() * MINUTE >= loadStartMillis && (w.minute() + 1) * MINUTE <= loadEndMillis)
                .toList();
        return new WindowReport(limit, counted.windows(), full, counted.source());
    }

    /** The most requests the gateways sent the provider in one window, refused ones included. */
    long maxSent() {
        return windows.stream().mapToLong(Window::sent).max().orElse(0);
    }

    long refused() {
        return windows.stream().mapToLong(Window::refused).sum();
    }

    /** Sent beyond the limit in the worst window; 0 when every window stayed within it. */
    long overshoot() {
        return Math.max(0, maxSent() - limit);
    }

    /** NaN without a full window. */
    double minUtilisation() {
        return full.stream()
                .mapToDouble(w -> (double) w.admitted() / limit)
                .min()
                .orElse(Double.NaN);
    }

    String perWindow() {
        return windows.stream()
                .map(w -> String.format("%s%d+%d", full.contains(w) ? "" : "~", w.admitted(), w.refused()))
                .collect(Collectors.joining(" "));
    }
}
