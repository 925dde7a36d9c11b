package dev.freeway.gateway.routing;

import dev.freeway.gateway.limits.Reservation;
import dev.freeway.gateway.limits.Window;
import io.vertx.core.Future;
import java.util.function.LongFunction;

/**
 * Keeps a request in the window it was charged to. The ledger charges the window of the admission;
 * the provider counts the window the request arrives in. A request admitted near a window's end
 * (or held up after its admission by a fair-share claim, a slow member, a pause) can arrive in the
 * next window, which the ledger then lets others fill to the limit: one 429 per such request.
 *
 * <p>So before a call goes out: an admission whose window has already ended is taken again in the
 * current one, and a call that would leave within {@code guardMillis} of a window's end waits for
 * the next window and is admitted there. What the first admission took from its old window is not
 * given back: a give-back that reached the ledger after the boundary would add to the new window.
 */
public final class WindowEdge {
    private final long guardMillis;
    private final LongFunction<Future<Void>> pause;

    /**
     * @param guardMillis how long before a window's end a call may no longer leave in it: the
     *     longest expected trip to the provider plus the clock difference with it
     * @param pause completes after the given milliseconds (a timer, or a test's clock)
     */
    public WindowEdge(long guardMillis, LongFunction<Future<Void>> pause) {
        this.guardMillis = guardMillis;
        this.pause = pause;
    }

    /**
     * -1 when the call may leave under {@code admitted}; otherwise how long to wait before admitting
     * it again (0: now, its window is over).
     */
    long readmitAfterMillis(Admitted admitted, long nowMillis) {
        long wait = -1;
        for (Reservation reservation : admitted.reservations()) {
            if (reservation.admittedAtMillis() < 0) {
                continue;
            }
            for (Window window : Window.all()) {
                if (!window.meters(reservation.limits(), reservation.tokens())) {
                    continue;
                }
                long index = window.index(nowMillis);
                if (window.index(reservation.admittedAtMillis()) != index) {
                    return 0;
                }
                long untilEnd = (index + 1) * window.length().toMillis() - nowMillis;
                if (untilEnd <= guardMillis) {
                    wait = Math.max(wait, untilEnd);
                }
            }
        }
        return wait;
    }

    Future<Void> pause(long millis) {
        return millis == 0 ? Future.succeededFuture() : pause.apply(millis);
    }
}
