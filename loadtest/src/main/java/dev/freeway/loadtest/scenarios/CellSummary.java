package dev.freeway.loadtest.scenarios;

import dev.freeway.loadtest.generator.LoadResult;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/** Every figure the report shows for one cell, reduced over its repeats. */
record CellSummary(
        Cell cell,
        Paired p50,
        Paired p99,
        Paired firstTokenP50,
        Paired firstTokenP99,
        Paired throughput,
        double gatewayRequestsPerLoadCpuSecond,
        double gatewayRequestsPerCpuSecond,
        double gatewaySettleSeconds,
        Map<String, Long> directErrors,
        Map<String, Long> gatewayErrors,
        RssSampler.Sample gatewayRss) {

    static CellSummary of(Cell cell, List<Repeat> repeats) {
        return new CellSummary(
                cell,
                Paired.of(repeats, r -> r.latencyMillis(50)),
                Paired.of(repeats, r -> r.latencyMillis(99)),
                Paired.of(repeats, r -> r.firstTokenMillis(50)),
                Paired.of(repeats, r -> r.firstTokenMillis(99)),
                Paired.of(repeats, LoadResult::throughput),
                median(repeats, r -> r.gateway().succeeded() / r.gatewayLoadCpuSeconds()),
                median(repeats, r -> r.gateway().succeeded() / r.gatewayCpuSeconds()),
                median(repeats, Repeat::gatewaySettleSeconds),
                errors(repeats.stream().map(r -> r.direct().errors()).toList()),
                errors(repeats.stream().map(r -> r.gateway().errors()).toList()),
                repeats.stream()
                        .map(Repeat::gatewayRss)
                        .reduce(RssSampler.Sample::followedBy)
                        .orElseThrow());
    }

    long directErrorCount() {
        return directErrors.values().stream().mapToLong(Long::longValue).sum();
    }

    long gatewayErrorCount() {
        return gatewayErrors.values().stream().mapToLong(Long::longValue).sum();
    }

    private static double median(List<Repeat> repeats, ToDoubleFunction<Repeat> figure) {
        return Paired.median(repeats.stream().mapToDouble(figure).toArray());
    }

    private static Map<String, Long> errors(List<Map<String, Long>> perRepeat) {
        Map<String, Long> total = new TreeMap<>();
        perRepeat.forEach(errors -> errors.forEach((error, count) -> total.merge(error, count, Long::sum)));
        return total;
    }
}
