package dev.freeway.loadtest.generator;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * The timeline of one run: warm-up, the measurement window, then a drain until every request sent has
 * ended. Loops ask {@link #sending()} before each request and report each end here. Event-loop only.
 */
final class RunWindow {
    private final long startNanos;
    private final LatencyRecorder recorder;
    private final Promise<LoadResult> result = Promise.promise();
    private boolean sending = true;
    private int inFlight;

    RunWindow(Vertx vertx, Phases phases) {
        startNanos = System.nanoTime();
        long windowStart = startNanos + phases.warmup().toNanos();
        recorder =
                new LatencyRecorder(windowStart, windowStart + phases.measure().toNanos());
        vertx.setTimer(phases.warmup().plus(phases.measure()).toMillis(), id -> {
            sending = false;
            finishIfDrained();
        });
    }

    long startNanos() {
        return startNanos;
    }

    boolean sending() {
        return sending;
    }

    void sent() {
        inFlight++;
    }

    void ended(long intendedNanos, Outcome outcome) {
        inFlight--;
        recorder.record(intendedNanos, outcome);
        finishIfDrained();
    }

    Future<LoadResult> result() {
        return result.future();
    }

    private void finishIfDrained() {
        if (!sending && inFlight == 0) {
            result.tryComplete(recorder.result());
        }
    }
}
