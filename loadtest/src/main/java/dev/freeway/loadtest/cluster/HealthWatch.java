package dev.freeway.loadtest.cluster;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A load balancer's health checks: every node's readiness polled a few times a second, a node
 * taken out of rotation while it is not ready and put back once it is. Scenarios that stop nodes
 * gracefully or cut them off use it, as a Kubernetes Service would.
 */
final class HealthWatch implements AutoCloseable {
    private static final long PERIOD_MS = 200;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "health-watch");
        thread.setDaemon(true);
        return thread;
    });

    private HealthWatch() {}

    static HealthWatch start(Cluster cluster, LoadDriver driver) {
        HealthWatch watch = new HealthWatch();
        watch.timer.scheduleWithFixedDelay(
                () -> {
                    for (int i = 0; i < Cluster.SIZE; i++) {
                        if (cluster.node(i).ready()) {
                            driver.restore(i);
                        } else {
                            driver.remove(i);
                        }
                    }
                },
                0,
                PERIOD_MS,
                TimeUnit.MILLISECONDS);
        return watch;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
