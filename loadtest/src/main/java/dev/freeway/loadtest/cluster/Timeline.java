package dev.freeway.loadtest.cluster;

/** Waits that line a run up with the provider's minute windows, and with the scenario's own clock. */
final class Timeline {
    private static final long MINUTE = 60_000;

    private final long startNanos = System.nanoTime();
    private final long startMillis = System.currentTimeMillis();

    private Timeline() {}

    /** Sleeps until the wall clock is {@code second} seconds into a minute (the next time it is). */
    static void awaitSecondOfMinute(int second) throws InterruptedException {
        long now = System.currentTimeMillis();
        Thread.sleep(Math.floorMod(second * 1000L - now % MINUTE, MINUTE));
    }

    static Timeline begin() {
        return new Timeline();
    }

    long startMillis() {
        return startMillis;
    }

    /** Sleeps until {@code millis} after the start; returns the nanoTime then. */
    long at(long millis) throws InterruptedException {
        long wait = startNanos + millis * 1_000_000 - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        return System.nanoTime();
    }

    /** Seconds from the start to {@code nanos}. */
    double seconds(long nanos) {
        return (nanos - startNanos) / 1e9;
    }
}
