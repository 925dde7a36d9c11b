package dev.freeway.loadtest.generator;

import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one run measured. Histograms hold microseconds of the successful requests sent inside the window;
 * {@code completed} counts successes that ended inside it, which is what throughput is made of;
 * {@code succeeded} counts every success of the run, warm-up and drain included.
 */
public record LoadResult(
        Histogram latency,
        Histogram firstToken,
        long completed,
        long succeeded,
        double windowSeconds,
        Map<String, Long> errors) {

    public double latencyMillis(double percentile) {
        return millis(latency, percentile);
    }

    /** NaN for non-streaming runs. */
    public double firstTokenMillis(double percentile) {
        return millis(firstToken, percentile);
    }

    public double throughput() {
        return completed / windowSeconds;
    }

    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    private static double millis(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1000.0;
    }
}
