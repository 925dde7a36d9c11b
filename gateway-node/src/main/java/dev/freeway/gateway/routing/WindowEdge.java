package dev.freeway.gateway.routing;

import dev.freeway.gateway.catalog.Candidate;
import dev.freeway.gateway.limits.LimitScope;
import dev.freeway.gateway.limits.Limits;
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
 * <p>So a request that comes within {@code guardMillis} of a window's end is admitted only once
 * the next window has begun, and before a call goes out, an admission whose window has ended
 * since is taken again in the current one (as is one that a slow claim pushed into the guard).
 * What the first admission took from its old window is not given back: a give-back that reached
 * the ledger after the boundary would add to the new window.
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

    /** -1 to admit {@code candidate} now; otherwise how long until the window that is ending has ended. */
    long holdBeforeAdmissionMillis(Candidate candidate, long tokens, long nowMillis) {
        long wait = untilEdgeMillis(candidate.limits(), tokens, nowMillis);
        for (LimitScope shared : candidate.shared()) {
            wait = Math.max(wait, untilEdgeMillis(shared.limits(), tokens, nowMillis));
        }
        return wait;
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
                if (window.meters(reservation.limits(), reservation.tokens())
                        && window.index(reservation.admittedAtMillis()) != window.index(nowMillis)) {
                    return 0;
                }
            }
            wait = Math.max(wait, untilEdgeMillis(reservation.limits(), reservation.tokens(), nowMillis));
        }
        return wait;
    }

    Future<Void> pause(long millis) {
        return millis == 0 ? Future.succeededFuture() : pause.apply(millis);
    }

    private long untilEdgeMillis(Limits limits, long tokens, long nowMillis) {
        long wait = -1;
        for (Window window : Window.all()) {
            if (window.meters(limits, tokens)) {
                long untilEnd = window.endMillis(nowMillis) - nowMillis;
                if (untilEnd <= guardMillis) {
                    wait = Math.max(wait, untilEnd);
                }
            }
        }
        return wait;
    }
}
