package dev.freeway.gateway.limits;

/**
 * The ledger's answer to a reservation: either granted (with what to settle later) or denied with
 * how long until the scope refills enough.
 */
public record Admission(Reservation reservation, long retryAfterNanos) {

    public static Admission granted(Reservation reservation) {
        return new Admission(reservation, 0);
    }

    public static Admission denied(long retryAfterNanos) {
        return new Admission(null, Math.max(1, retryAfterNanos));
    }

    public boolean isGranted() {
        return reservation != null;
    }
}
