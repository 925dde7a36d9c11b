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
        return of(
                figures(repeats, r -> figure.applyAsDouble(r.direct())),
                figures(repeats, r -> figure.applyAsDouble(r.gateway())));
    }

    /**
     * One gateway setup against another, repeat by repeat: both ran in the same repeats, so here
     * {@code direct} is the {@code base} setup's figure and {@code added} what {@code other} adds to it.
     */
    static Paired between(List<Repeat> base, List<Repeat> other, ToDoubleFunction<LoadResult> figure) {
        return of(
                figures(base, r -> figure.applyAsDouble(r.gateway())),
                figures(other, r -> figure.applyAsDouble(r.gateway())));
    }

    private static double[] figures(List<Repeat> repeats, ToDoubleFunction<Repeat> figure) {
        return repeats.stream().mapToDouble(figure).toArray();
    }

    private static Paired of(double[] direct, double[] gateway) {
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
