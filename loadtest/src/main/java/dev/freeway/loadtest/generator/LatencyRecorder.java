package dev.freeway.loadtest.generator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Keeps the requests sent inside the measurement window: warm-up requests (cold JIT, new connections)
 * and the ones sent after it closes are dropped. Latency runs from the time the request was meant to be
 * sent, which for an open loop may be earlier than when it actually went out. Single-threaded: the
 * generator runs on one event loop.
 */
final class LatencyRecorder {
    private static final int SIGNIFICANT_DIGITS = 3;

    private final long windowStart;
    private final long windowEnd;
    private final Histogram latency = new Histogram(SIGNIFICANT_DIGITS);
    private final Histogram firstToken = new Histogram(SIGNIFICANT_DIGITS);
    private final Map<String, Long> errors = new TreeMap<>();
    private long completed;
    private long succeeded;

    LatencyRecorder(long windowStart, long windowEnd) {
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
    }

    void record(long intendedNanos, Outcome outcome) {
        if (outcome.succeeded()) {
            succeeded++;
            completed += inWindow(outcome.endNanos()) ? 1 : 0;
        }
        if (!inWindow(intendedNanos)) {
            return;
        }
        if (!outcome.succeeded()) {
            errors.merge(outcome.error(), 1L, Long::sum);
            return;
        }
        latency.recordValue(micros(outcome.endNanos() - intendedNanos));
        if (outcome.firstTokenNanos() != 0) {
            firstToken.recordValue(micros(outcome.firstTokenNanos() - intendedNanos));
        }
    }

    LoadResult result() {
        return new LoadResult(
                latency, firstToken, completed, succeeded, (windowEnd - windowStart) / 1e9, Map.copyOf(errors));
    }

    private boolean inWindow(long nanos) {
        return nanos >= windowStart && nanos < windowEnd;
    }

    private static long micros(long nanos) {
        return TimeUnit.NANOSECONDS.toMicros(Math.max(0, nanos));
    }
}
