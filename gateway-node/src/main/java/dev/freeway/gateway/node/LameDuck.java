package dev.freeway.gateway.node;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.LongSupplier;

/**
 * The draining node's last stretch of serving before its listener stops: unready, every answer
 * closing its connection. It lasts until requests stop coming, not a fixed time, because a load
 * balancer notices an unready node only after its next probe, and a busy node reads requests
 * late: a request read after the listener's shutdown began is dropped with its connection, and a
 * client cannot safely retry a POST. At least {@code MIN}, then until {@code QUIET} passes without
 * a request, at most {@code MAX}.
 */
final class LameDuck {
    static final long MIN_MILLIS = 1_000;
    static final long QUIET_MILLIS = 1_000;
    static final long MAX_MILLIS = 5_000;
    private static final long CHECK_MILLIS = 20;

    private LameDuck() {}

    /** @param arrivals how many requests have arrived since draining began */
    static Future<Void> serve(Vertx vertx, LongSupplier arrivals) {
        return serve(vertx, arrivals, MIN_MILLIS, QUIET_MILLIS, MAX_MILLIS);
    }

    static Future<Void> serve(Vertx vertx, LongSupplier arrivals, long minMillis, long quietMillis, long maxMillis) {
        Promise<Void> over = Promise.promise();
        long start = System.nanoTime();
        long[] seen = {arrivals.getAsLong(), start};
        vertx.setPeriodic(CHECK_MILLIS, id -> {
            long now = System.nanoTime();
            long count = arrivals.getAsLong();
            if (count != seen[0]) {
                seen[0] = count;
                seen[1] = now;
            }
            long elapsed = (now - start) / 1_000_000;
            long quiet = (now - seen[1]) / 1_000_000;
            if (elapsed >= maxMillis || elapsed >= minMillis && quiet >= quietMillis) {
                vertx.cancelTimer(id);
                over.complete();
            }
        });
        return over.future();
    }
}
