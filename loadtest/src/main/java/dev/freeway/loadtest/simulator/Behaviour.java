package dev.freeway.loadtest.simulator;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/** The knobs a test may turn while requests are in flight; read once per request by every server instance. */
final class Behaviour {
    private volatile FailureMode failureMode;
    private volatile long latencyMillis;
    /** Null when no one-shot failures are pending, so the common path is a single volatile read. */
    private final AtomicReference<FailureBudget> failNext = new AtomicReference<>();

    Behaviour(FailureMode failureMode, Duration latency) {
        this.failureMode = failureMode;
        this.latencyMillis = latency.toMillis();
    }

    void failureMode(FailureMode mode) {
        failureMode = mode;
    }

    void failNext(FailureMode mode, int count) {
        failNext.set(count > 0 ? new FailureBudget(mode, count) : null);
    }

    void latency(Duration latency) {
        latencyMillis = latency.toMillis();
    }

    long latencyMillis() {
        return latencyMillis;
    }

    /** Claims the failure for the request being handled now. */
    FailureMode nextFailure() {
        while (true) {
            FailureBudget budget = failNext.get();
            if (budget == null) {
                return failureMode;
            }
            FailureBudget rest = budget.count() == 1 ? null : new FailureBudget(budget.mode(), budget.count() - 1);
            if (failNext.compareAndSet(budget, rest)) {
                return budget.mode();
            }
        }
    }

    private record FailureBudget(FailureMode mode, int count) {}
}
