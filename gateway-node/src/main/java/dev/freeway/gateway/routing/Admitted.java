package dev.freeway.gateway.routing;

import dev.freeway.gateway.limits.CapacityLedger;
import dev.freeway.gateway.limits.Reservation;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The capacity one candidate holds for an attempt: its own scope's reservation first, then one per
 * shared limit it also draws on (an account-wide RPM, a free-model pool).
 */
public record Admitted(List<Reservation> reservations) {
    private static final Logger LOG = LoggerFactory.getLogger(Admitted.class);

    public Admitted {
        reservations = List.copyOf(reservations);
    }

    /** The candidate's own scope, the one the provider's rate-limit headers describe. */
    public Reservation own() {
        return reservations.get(0);
    }

    void settle(CapacityLedger ledger, long actualTokens) {
        reservations.forEach(r -> ledger.settle(r, actualTokens).onFailure(Admitted::warn));
    }

    void refundTokens(CapacityLedger ledger) {
        reservations.forEach(r -> ledger.refundTokens(r).onFailure(Admitted::warn));
    }

    void release(CapacityLedger ledger) {
        reservations.forEach(r -> ledger.release(r).onFailure(Admitted::warn));
    }

    private static void warn(Throwable e) {
        LOG.warn("capacity not returned: {}", e.toString());
    }
}
