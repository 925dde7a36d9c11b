package dev.freeway.loadtest.generator;

import io.vertx.core.Vertx;

/**
 * Requests at a fixed rate whatever the responses do. Request i is due at {@code start + i / rate}; its
 * latency counts from then, so a stall that delays sending (a slow server, a full pool, a late timer) is
 * charged to the requests it delayed instead of vanishing (coordinated omission). Vert.x timers tick in
 * milliseconds, so each tick sends every request that has come due.
 */
final class OpenLoop {
    private final ChatCall call;
    private final RunWindow window;
    private final double nanosPerRequest;
    private long due;

    private OpenLoop(ChatCall call, RunWindow window, int ratePerSecond) {
        this.call = call;
        this.window = window;
        this.nanosPerRequest = 1e9 / ratePerSecond;
    }

    static void start(Vertx vertx, ChatCall call, RunWindow window, int ratePerSecond) {
        OpenLoop loop = new OpenLoop(call, window, ratePerSecond);
        vertx.setPeriodic(1, timer -> {
            if (!loop.tick()) {
                vertx.cancelTimer(timer);
            }
        });
    }

    /** False once the run stops sending. */
    private boolean tick() {
        long now = System.nanoTime();
        while (window.sending()) {
            long intended = window.startNanos() + (long) (due * nanosPerRequest);
            if (intended > now) {
                return true;
            }
            due++;
            window.sent();
            call.send(outcome -> window.ended(intended, outcome));
        }
        return false;
    }
}
