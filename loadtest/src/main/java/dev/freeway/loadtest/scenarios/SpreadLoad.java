package dev.freeway.loadtest.scenarios;

import dev.freeway.loadtest.generator.LoadGenerator;
import dev.freeway.loadtest.generator.LoadResult;
import dev.freeway.loadtest.generator.Phases;
import dev.freeway.loadtest.generator.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.HdrHistogram.Histogram;

/**
 * A cell's load, sent to one target or spread evenly over several at once, as a balancer in front of a
 * cluster would: closed-loop clients are dealt round-robin, each keeping its node (keep-alive connections),
 * and an open loop's rate is split. The shares run side by side on the generator's one event loop, so the
 * generator does the same work whatever the number of targets; their results are merged into one.
 */
final class SpreadLoad {
    private SpreadLoad() {}

    static LoadResult run(LoadGenerator generator, Cell cell, List<Target> targets, Phases phases)
            throws InterruptedException {
        if (targets.size() == 1) {
            return share(generator, cell, targets.get(0), cell.load(), phases);
        }
        ExecutorService threads = Executors.newFixedThreadPool(targets.size());
        try {
            List<Future<LoadResult>> shares = new ArrayList<>();
            for (int i = 0; i < targets.size(); i++) {
                Target target = targets.get(i);
                int load = cell.load() / targets.size() + (i < cell.load() % targets.size() ? 1 : 0);
                shares.add(threads.submit(() -> share(generator, cell, target, load, phases)));
            }
            LoadResult merged = shares.get(0).get();
            for (Future<LoadResult> share : shares.subList(1, shares.size())) {
                merged = merge(merged, share.get());
            }
            return merged;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a share of the load failed", e.getCause());
        } finally {
            threads.shutdownNow();
        }
    }

    private static LoadResult share(LoadGenerator generator, Cell cell, Target target, int load, Phases phases) {
        return cell.shape() == Cell.Shape.CLOSED
                ? generator.closedLoop(target, cell.stream(), load, phases)
                : generator.openLoop(target, cell.stream(), load, phases);
    }

    /** The shares start within milliseconds of each other, so their windows are taken as one. */
    private static LoadResult merge(LoadResult a, LoadResult b) {
        Map<String, Long> errors = new TreeMap<>(a.errors());
        b.errors().forEach((error, count) -> errors.merge(error, count, Long::sum));
        return new LoadResult(
                sum(a.latency(), b.latency()),
                sum(a.firstToken(), b.firstToken()),
                a.completed() + b.completed(),
                a.succeeded() + b.succeeded(),
                Math.max(a.windowSeconds(), b.windowSeconds()),
                errors);
    }

    private static Histogram sum(Histogram a, Histogram b) {
        Histogram sum = a.copy();
        sum.add(b);
        return sum;
    }
}
