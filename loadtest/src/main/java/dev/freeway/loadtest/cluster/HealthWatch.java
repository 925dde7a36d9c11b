package dev.freeway.loadtest.cluster;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A load balancer's health checks: every node's readiness polled a few times a second, a node
 * taken out of rotation after {@link #FAILURE_THRESHOLD} failed checks in a row and put back at
 * its first passing one. Scenarios that stop nodes gracefully or cut them off use it, as a
 * Kubernetes Service would with the readiness probe of {@code k8s/base/deployment.yaml}
 * ({@code failureThreshold: 2}), so one slow answer on a loaded machine does not empty the
 * rotation.
 */
final class HealthWatch implements AutoCloseable {
    private static final long PERIOD_MS = 200;
    private static final int FAILURE_THRESHOLD = 2;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "health-watch");
        thread.setDaemon(true);
        return thread;
    });

    private HealthWatch() {}

    static HealthWatch start(Cluster cluster, LoadDriver driver) {
        HealthWatch watch = new HealthWatch();
        int[] failures = new int[Cluster.SIZE];
        watch.timer.scheduleWithFixedDelay(
                () -> {
                    for (int i = 0; i < Cluster.SIZE; i++) {
                        if (cluster.node(i).ready()) {
                            failures[i] = 0;
                            driver.restore(i);
                        } else if (++failures[i] >= FAILURE_THRESHOLD) {
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
