package dev.freeway.loadtest.cluster;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Questions a scenario asks of its samples. Times are {@link System#nanoTime} values. */
record Samples(List<Sample> all) {

    Samples where(Predicate<Sample> filter) {
        return new Samples(all.stream().filter(filter).toList());
    }

    Samples onNode(int node) {
        return where(s -> s.node() == node);
    }

    Samples notOnNode(int node) {
        return where(s -> s.node() != node);
    }

    Samples intendedBetween(long fromNanos, long toNanos) {
        return where(s -> s.intendedNanos() >= fromNanos && s.intendedNanos() < toNanos);
    }

    Samples errors() {
        return where(s -> s.result() == Sample.Result.ERROR);
    }

    Samples streams() {
        return where(Sample::stream);
    }

    long count() {
        return all.size();
    }

    long count(Sample.Result result) {
        return all.stream().filter(s -> s.result() == result).count();
    }

    /** Requests that reached a node only after another had refused or failed the connection. */
    long retried() {
        return all.stream().filter(s -> s.retries() > 0).count();
    }

    /** Milliseconds; NaN without samples. */
    double latencyMillis(double percentile) {
        long[] nanos = all.stream().mapToLong(Sample::latencyNanos).sorted().toArray();
        if (nanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100 * nanos.length) - 1;
        return nanos[Math.max(0, Math.min(nanos.length - 1, rank))] / 1e6;
    }

    double maxLatencyMillis() {
        return latencyMillis(100);
    }

    /** When the last of these requests was sent, or -1 if there are none. */
    long lastSentNanos() {
        return all().stream().mapToLong(Sample::sentNanos).max().orElse(-1);
    }

    /** The last moment a request failed, or {@code otherwise} if none did. */
    long lastErrorEnd(long otherwise) {
        return errors().all().stream().mapToLong(Sample::endNanos).max().orElse(otherwise);
    }

    /** Error labels with counts, most frequent first. */
    String errorSummary() {
        Map<String, Long> counts = new TreeMap<>(
                errors().all().stream().collect(Collectors.groupingBy(Sample::error, Collectors.counting())));
        if (counts.isEmpty()) {
            return "none";
        }
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getValue() + " × " + e.getKey())
                .collect(Collectors.joining("; "));
    }

    String outcomeSummary() {
        return Arrays.stream(Sample.Result.values())
                .map(r -> r.name().toLowerCase(Locale.ROOT) + " " + count(r))
                .collect(Collectors.joining(", "));
    }
}
