package dev.freeway.gateway.cluster;

import io.vertx.core.Vertx;

/**
 * Notices when this process was frozen (a long GC pause, SIGSTOP, a suspended VM). A node that
 * wakes from a freeze still believes in a cluster view that the others may have replaced: it may
 * own partitions that were handed to backups meanwhile, and admitting from those stale copies
 * would add to what the others admit. So after a freeze the node is distrusted for a few seconds,
 * until Hazelcast has told it where it stands, and while the ticks stop it is distrusted too.
 */
public final class PauseDetector {
    private static final long TICK_MILLIS = 100;
    private static final long FROZEN_NANOS = 1_000_000_000L;
    private static final long DISTRUST_NANOS = 5_000_000_000L;

    private volatile long lastTick = System.nanoTime();
    private volatile long distrustUntil = lastTick;

    private PauseDetector() {}

    public static PauseDetector start(Vertx vertx) {
        PauseDetector detector = new PauseDetector();
        vertx.setPeriodic(TICK_MILLIS, id -> detector.tick(System.nanoTime()));
        return detector;
    }

    void tick(long now) {
        if (now - lastTick > FROZEN_NANOS) {
            distrustUntil = now + DISTRUST_NANOS;
        }
        lastTick = now;
    }

    /** False while frozen (no tick for a second) and for five seconds after waking. */
    public boolean trusted() {
        long now = System.nanoTime();
        return now - lastTick <= FROZEN_NANOS && now - distrustUntil >= 0;
    }
}
