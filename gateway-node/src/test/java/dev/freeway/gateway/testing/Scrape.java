package dev.freeway.gateway.testing;

import java.util.Arrays;
import java.util.List;

/** A Prometheus text scrape, read the way a test asserts on it: one series at a time. */
public record Scrape(String text) {

    /** The sample lines, without the {@code # HELP} and {@code # TYPE} comments. */
    public List<String> samples() {
        return Arrays.stream(text.split("\n"))
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
    }

    /**
     * The value of one series, written as exposed ({@code name{label="value",...}}, labels in
     * alphabetical order), or 0 when the series is absent, as Prometheus reads a missing counter.
     */
    public double value(String series) {
        return samples().stream()
                .filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1)))
                .findFirst()
                .orElse(0);
    }
}
