package dev.freeway.loadtest.scenarios;

import java.time.Duration;

/**
 * Waits for a process to go quiet after a run. Work the gateway defers past the last response (cluster
 * writes still queued, GC, JIT) is caused by the run, so its CPU time is charged to the run; and it must
 * not steal cores from the run that follows, least of all from a direct baseline.
 */
final class Quiescence {
    private static final Duration PROBE = Duration.ofMillis(500);
    /** An idle gateway uses about 2 % of a core (cluster heartbeats). */
    private static final double QUIET_CORES = 0.05;

    private static final Duration LIMIT = Duration.ofSeconds(120);

    private Quiescence() {}

    /** How long the process stayed busy, in seconds; gives up, saying so, after {@link #LIMIT}. */
    static double await(ProcFs proc, long pid) throws InterruptedException {
        long start = System.nanoTime();
        double before = proc.cpuSeconds(pid);
        while (System.nanoTime() - start < LIMIT.toNanos()) {
            Thread.sleep(PROBE.toMillis());
            double now = proc.cpuSeconds(pid);
            if (now - before <= QUIET_CORES * PROBE.toMillis() / 1000.0) {
                return Math.max(0, (System.nanoTime() - start) / 1e9 - PROBE.toMillis() / 1000.0);
            }
            before = now;
        }
        System.out.println("warning: gateway still busy " + LIMIT.toSeconds() + " s after the run; going on");
        return LIMIT.toSeconds();
    }
}
