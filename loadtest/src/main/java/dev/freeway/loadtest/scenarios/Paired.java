package dev.freeway.loadtest.scenarios;

import dev.freeway.loadtest.generator.LoadResult;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One figure, direct and through the gateway, as medians over repeats. {@code added} is the median of the
 * per-repeat differences rather than the difference of the medians: each pair ran back to back, so pairing
 * cancels most of the drift a shared machine has between repeats. NaN where the figure does not apply.
 */
record Paired(double direct, double gateway, double added, double addedLow, double addedHigh) {

    static Paired of(List<Repeat> repeats, ToDoubleFunction<LoadResult> figure) {
        double[] direct = repeats.stream()
                .mapToDouble(r -> figure.applyAsDouble(r.direct()))
                .toArray();
        double[] gateway = repeats.stream()
                .mapToDouble(r -> figure.applyAsDouble(r.gateway()))
                .toArray();
        double[] added = new double[direct.length];
        Arrays.setAll(added, i -> gateway[i] - direct[i]);
        double[] sorted = added.clone();
        Arrays.sort(sorted);
        return new Paired(median(direct), median(gateway), median(added), sorted[0], sorted[sorted.length - 1]);
    }

    double ratio() {
        return gateway / direct;
    }

    /** NaN if any value is NaN, so a figure that does not apply stays blank. */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        if (Double.isNaN(sorted[sorted.length - 1])) {
            return Double.NaN;
        }
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
