package dev.freeway.loadtest.scenarios;

import dev.freeway.loadtest.generator.LoadResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a gateway's CPU time and memory around one run of load: CPU at the start of the load, at its end
 * and once every node is quiet again; memory sampled while the load lasts. For a cluster, CPU is summed
 * over the members and memory is the largest member's.
 */
final class GatewayMeter {
    private GatewayMeter() {}

    static Run measure(ProcFs proc, List<Long> pids, Load load) throws InterruptedException {
        double cpuBefore = cpuSeconds(proc, pids);
        List<RssSampler> samplers = new ArrayList<>();
        pids.forEach(pid -> samplers.add(RssSampler.start(proc, pid)));
        LoadResult result = load.run();
        double cpuAtEnd = cpuSeconds(proc, pids);
        RssSampler.Sample memory = null;
        for (RssSampler sampler : samplers) {
            RssSampler.Sample sample = sampler.stop();
            memory = memory == null ? sample : memory.largest(sample);
        }
        double settle = settle(proc, pids);
        double cpuSettled = cpuSeconds(proc, pids);
        return new Run(result, cpuAtEnd - cpuBefore, cpuSettled - cpuBefore, settle, memory);
    }

    /** Nodes are awaited one after another, so the sum is the time until all of them were quiet. */
    static double settle(ProcFs proc, List<Long> pids) throws InterruptedException {
        double seconds = 0;
        for (long pid : pids) {
            seconds += Quiescence.await(proc, pid);
        }
        return seconds;
    }

    private static double cpuSeconds(ProcFs proc, List<Long> pids) {
        return pids.stream().mapToDouble(proc::cpuSeconds).sum();
    }

    @FunctionalInterface
    interface Load {
        LoadResult run() throws InterruptedException;
    }

    record Run(
            LoadResult result, double loadCpuSeconds, double cpuSeconds, double settleSeconds, RssSampler.Sample rss) {
        Repeat pairedWith(LoadResult direct) {
            return new Repeat(direct, result, loadCpuSeconds, cpuSeconds, settleSeconds, rss);
        }
    }
}
